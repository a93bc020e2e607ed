<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR">
<context>
    <name>AskPanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="38"/>
        <source>Ask about your manuscript, e.g. Who rented Netherfield?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="39"/>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="40"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="47"/>
        <source>Answers appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="51"/>
        <source>This session&apos;s questions; click one to see its answer again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="55"/>
        <source>Inkwell reads your manuscript in the background so that answers come quickly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="69"/>
        <source>Earlier questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="83"/>
        <source>Type a question first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="86"/>
        <source>Wait until the file has finished opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="90"/>
        <source>The manuscript is empty: there is nothing to answer from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="97"/>
        <source>Reading your manuscript…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="112"/>
        <source>Searched {count} passages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="123"/>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="123"/>
        <source>The closest passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="128"/>
        <source>match {score:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="140"/>
        <source>Manuscript index: {state}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContinuePanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="74"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="75"/>
        <source>Write on from the cursor (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="76"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="77"/>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="78"/>
        <source>Keep the grey text (Tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="79"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="80"/>
        <source>Remove the grey text (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="81"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="93"/>
        <source>Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="97"/>
        <source>Write alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="102"/>
        <source>Score: the model&apos;s average log-probability per word piece. Near 0 is predictable; lower is more surprising.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="105"/>
        <source>Insert selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="114"/>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="117"/>
        <source>Focused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="118"/>
        <source>Balanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="119"/>
        <source>Creative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="120"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="131"/>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="133"/>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="134"/>
        <source>Length (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="135"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="136"/>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="137"/>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="138"/>
        <source>Min-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="139"/>
        <source>Repetition penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="140"/>
        <source>No-repeat n-gram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="141"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="143"/>
        <source>Story notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="146"/>
        <source>Characters, setting, style… Sent with every continuation of this manuscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="191"/>
        <source>Story notes could not be saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="309"/>
        <source>Write a few words first (or some story notes): Continue writes on from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="328"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="343"/>
        <source>Kept {words} words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="369"/>
        <source>Write a few words first: alternatives continue from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="391"/>
        <source>Writing {count} alternatives…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="405"/>
        <source>Inserted alternative {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="417"/>
        <source>Read the last {words} words before the cursor (the model&apos;s window ends there, at a sentence).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="419"/>
        <source>Read all {words} words before the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="425"/>
        <source>The model had nothing to add here. Try Regenerate or another preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="427"/>
        <source>Tab keeps it, Esc removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="451"/>
        <source>Average log-probability per token: {score:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="456"/>
        <source>Most predictable first. Double-click one to insert it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="432"/>
        <source>Stopped. Tab keeps what was written, Esc removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="461"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../writer_app/gui/dialogs.py" line="21"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/dialogs.py" line="22"/>
        <source>Do you want to save the changes to “{name}”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/dialogs.py" line="29"/>
        <source>If you don&apos;t save, your changes since the last save will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FindReplaceDialog</name>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="27"/>
        <source>Find and Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="32"/>
        <source>Text to find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="34"/>
        <source>Replace with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="35"/>
        <source>Match &amp;case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="36"/>
        <source>&amp;Whole words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="40"/>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="41"/>
        <source>Find &amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="42"/>
        <source>&amp;Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="43"/>
        <source>Replace &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="47"/>
        <source>Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="48"/>
        <source>Replace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="100"/>
        <location filename="../../writer_app/gui/find_replace.py" line="146"/>
        <source>Type something to find.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="112"/>
        <source>“{text}” was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="117"/>
        <source>Search wrapped around the document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="160"/>
        <source>Replaced {count} occurrence(s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InkwellApplication</name>
    <message>
        <location filename="../../writer_app/gui/application.py" line="48"/>
        <source>The recovery folder {folder} is not writable ({reason}); recovery copies go to {fallback} for now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="138"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="138"/>
        <source>Start a new manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="140"/>
        <source>New &amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="142"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="146"/>
        <source>Open a .txt or .md manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="149"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="149"/>
        <source>Save the manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="151"/>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="152"/>
        <source>&amp;Close Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="153"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="156"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="157"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="158"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="159"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="160"/>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="161"/>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="162"/>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="164"/>
        <source>Find and &amp;Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="166"/>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="168"/>
        <source>Find Pre&amp;vious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="170"/>
        <source>&amp;Go to Line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="176"/>
        <source>&amp;Font…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="177"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="178"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="180"/>
        <source>&amp;Word Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="186"/>
        <source>Follow &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="187"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="188"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="194"/>
        <source>&amp;About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="196"/>
        <source>&amp;Continue Writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="200"/>
        <source>Write &amp;Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="202"/>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="207"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="209"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="216"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="231"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="232"/>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="236"/>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="241"/>
        <source>&amp;Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="244"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="248"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="333"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="360"/>
        <source>Unsaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="362"/>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="362"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="366"/>
        <source>Ln {line}, Col {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="373"/>
        <source>{part:,} of {total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="375"/>
        <source>{total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="392"/>
        <source>Unsaved · recovery copy kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="395"/>
        <source>Unsaved · recovery copy failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="397"/>
        <source>Inkwell could not keep a recovery copy: {reason} Save your work somewhere with space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="427"/>
        <source>Open Manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="442"/>
        <source>Opening {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="450"/>
        <source>{name} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="453"/>
        <source>Bytes that were not valid text are shown as �; saving writes them as such.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="466"/>
        <source>Not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="467"/>
        <source>“{name}” is not UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="471"/>
        <source>It may come from an older program. Open it as Western (Windows-1252 / Latin-1) text, or as UTF-8 with the invalid bytes shown as �? Nothing is changed on disk until you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="474"/>
        <source>Open as Western</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="474"/>
        <source>Open with �</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="482"/>
        <source>Inkwell opens plain-text manuscripts such as .txt and .md files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="489"/>
        <source>Cannot open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="490"/>
        <source>“{name}” could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="517"/>
        <source>Opening {name}… {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="533"/>
        <source>Restored unsaved work from {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="537"/>
        <source>Opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="538"/>
        <source>Opened {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="558"/>
        <source>Wait until the file has finished opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="567"/>
        <source>Untitled.md</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="568"/>
        <source>Save Manuscript As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="583"/>
        <source>Save as UTF-8?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="585"/>
        <source>“{name}” is stored as {encoding}, which cannot hold some characters you wrote, such as “{char}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="587"/>
        <source>Save it as UTF-8 instead? Every modern program reads UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="588"/>
        <source>Save as UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="601"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="602"/>
        <source>“{name}” could not be saved. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="605"/>
        <source>Your text is safe: it is still here in the editor, and Inkwell keeps a recovery copy. Use File ▸ Save As… to save it somewhere else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="610"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="618"/>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="629"/>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="632"/>
        <source>Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="646"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="663"/>
        <source>Go to Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="663"/>
        <source>Line (1–{total}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="669"/>
        <source>Manuscript Font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="677"/>
        <source>About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="679"/>
        <source>&lt;h3&gt;Inkwell {version}&lt;/h3&gt;&lt;p&gt;An offline writing assistant. Your manuscript and everything the models read stay on this computer.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManuscriptIndexer</name>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="89"/>
        <source>reading your manuscript…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="98"/>
        <source>reading your manuscript… {percent:.0%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="105"/>
        <source>ready · {count:,} passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="112"/>
        <source>paused while the model works</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelHub</name>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="61"/>
        <source>Models start after the window opens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="107"/>
        <source>No writing model chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="107"/>
        <source>Choose one in the Models menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="112"/>
        <source>{name}: terms not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="113"/>
        <source>Choose it in the Models menu to read and accept its terms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="116"/>
        <source>Starting {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="127"/>
        <source>Preparing {name} for first use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="130"/>
        <source>This happens once; later starts take seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="132"/>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="136"/>
        <source>Measuring {name} on this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="138"/>
        <source>Inkwell times each precision once per model and keeps the fastest that writes as well as full precision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="146"/>
        <source>Loaded in {seconds:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="150"/>
        <source>4-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="150"/>
        <source>8-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="150"/>
        <source>16-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="158"/>
        <source>{name} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="160"/>
        <source>{name} does not fit in memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="165"/>
        <source>{name} could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="172"/>
        <source>Use the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="174"/>
        <source>Use the smallest model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="180"/>
        <source>Not enough memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="182"/>
        <source>Inkwell keeps working; choose how to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="234"/>
        <source>Model not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="235"/>
        <source>{name} is {state} on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="237"/>
        <source>Get it with:
    {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="252"/>
        <source>Not a usable model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="257"/>
        <source>Could not remember the model</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelsMenu</name>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="19"/>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="28"/>
        <source>Writing model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="30"/>
        <source>Add a Model &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="33"/>
        <source>Summarise with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="34"/>
        <source>Answer questions with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="46"/>
        <source>Best available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="47"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="48"/>
        <source>NVIDIA GPU (CUDA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="49"/>
        <source>Apple GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="52"/>
        <source>Run Models &amp;On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="55"/>
        <source>Fastest for This Computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="56"/>
        <source>4-bit (smallest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="57"/>
        <source>8-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="58"/>
        <source>16-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="59"/>
        <source>Full Precision (slowest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="62"/>
        <source>&amp;Precision on the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="69"/>
        <source>Measured once per model on this computer, never below the quality guard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="89"/>
        <source>{name} ({state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="99"/>
        <source>Choose a Hugging Face model folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PanelContext</name>
    <message>
        <location filename="../../writer_app/gui/panels/context.py" line="80"/>
        <source>The models are still starting; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="17"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="18"/>
        <source>Summarise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="19"/>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="27"/>
        <source>Recover unsaved work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="34"/>
        <source>Inkwell did not close normally last time. These documents had changes that were not saved. Tick the ones to restore; each opens in its own window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="46"/>
        <source>never saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="49"/>
        <source>{title} — {when} — {words} words
{location}
{preview}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="58"/>
        <source>&amp;Restore selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="59"/>
        <source>&amp;Discard all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="60"/>
        <source>Decide &amp;later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestPanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/request_panel.py" line="75"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SummarisePanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="39"/>
        <source>Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="40"/>
        <source>Current chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="41"/>
        <source>Whole manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="46"/>
        <source>Short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="46"/>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="46"/>
        <source>Long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="49"/>
        <source>Key sentences only (no rewriting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="50"/>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="66"/>
        <source>Summarise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="51"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="58"/>
        <source>The summary appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="61"/>
        <source>Click a sentence to find it in the manuscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="62"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="63"/>
        <source>Add to story notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="67"/>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="81"/>
        <source>Key sentences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="103"/>
        <source>This model is small and rewrites loosely: the key sentences are your own words, exactly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="115"/>
        <source>the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="123"/>
        <source>this chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="124"/>
        <source>the whole manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="128"/>
        <source>Wait until the file has finished opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="133"/>
        <source>Select some text first, or choose another scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="137"/>
        <source>There is nothing to summarise in {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="152"/>
        <source>Summarising {what}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="166"/>
        <source>Done: {count} key sentences from {chunks} part(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="174"/>
        <source>Stopped: this summary covers the parts read so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="195"/>
        <source>Summary: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="196"/>
        <source>Added to the story notes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TermsDialog</name>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="13"/>
        <source>Terms of use: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="16"/>
        <source>{name} is distributed under the {licence}. Read them and accept to use the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="28"/>
        <source>The terms file is missing from the model&apos;s package. Reinstall the package to read them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="31"/>
        <source>I &amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="32"/>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
