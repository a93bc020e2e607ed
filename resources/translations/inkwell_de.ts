<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AskPanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="37"/>
        <source>Ask about your manuscript, e.g. Who rented Netherfield?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="38"/>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="39"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="46"/>
        <source>Answers appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="50"/>
        <source>This session&apos;s questions; click one to see its answer again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="53"/>
        <source>Inkwell reads your manuscript in the background so that answers come quickly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="66"/>
        <source>Earlier questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="80"/>
        <source>Type a question first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="84"/>
        <source>The manuscript is empty: there is nothing to answer from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="89"/>
        <source>Reading your manuscript…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="104"/>
        <source>Searched {count} passages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="115"/>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="115"/>
        <source>The closest passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="120"/>
        <source>match {score:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="132"/>
        <source>Manuscript index: {state}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContinuePanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="60"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="61"/>
        <source>Write on from the cursor (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="62"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="63"/>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="64"/>
        <source>Keep the grey text (Tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="65"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="66"/>
        <source>Remove the grey text (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="67"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="79"/>
        <source>Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="83"/>
        <source>Write alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="87"/>
        <source>Score: the model&apos;s average log-probability per word piece. Near 0 is predictable; lower is more surprising.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="89"/>
        <source>Insert selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="98"/>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="100"/>
        <source>Focused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="100"/>
        <source>Balanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="100"/>
        <source>Creative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="100"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="110"/>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="112"/>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="113"/>
        <source>Length (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="114"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="115"/>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="116"/>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="117"/>
        <source>Min-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="118"/>
        <source>Repetition penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="119"/>
        <source>No-repeat n-gram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="120"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="122"/>
        <source>Story notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="124"/>
        <source>Characters, setting, style… Sent with every continuation of this manuscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="265"/>
        <source>Story notes could not be saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="275"/>
        <source>The models are still starting; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="295"/>
        <source>Write a few words first (or some story notes): Continue writes on from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="306"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="322"/>
        <source>Kept {words} words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="348"/>
        <source>Write a few words first: alternatives continue from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="361"/>
        <source>Writing {count} alternatives…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="375"/>
        <source>Inserted alternative {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="390"/>
        <source>Read the last {words} words before the cursor (the model&apos;s window ends there, at a sentence).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="391"/>
        <source>Read all {words} words before the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="398"/>
        <source>The model had nothing to add here. Try Regenerate or another preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="400"/>
        <source>Tab keeps it, Esc removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="412"/>
        <source>Average log-probability per token: {score:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="416"/>
        <source>Most predictable first. Double-click one to insert it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="421"/>
        <source>Stopped. Tab keeps what was written, Esc removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="426"/>
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
        <location filename="../../writer_app/gui/dialogs.py" line="26"/>
        <source>If you don&apos;t save, your changes since the last save will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EngineHub</name>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="54"/>
        <source>Models start after the window opens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="91"/>
        <source>No writing model chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="91"/>
        <source>Choose one in the Models menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="94"/>
        <source>{name}: terms not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="94"/>
        <source>Choose it in the Models menu to read and accept its terms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="96"/>
        <source>Starting {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="105"/>
        <source>Preparing {name} for first use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="108"/>
        <source>This happens once; later starts take seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="110"/>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="114"/>
        <source>Measuring {name} on this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="115"/>
        <source>Inkwell times each precision once per model and keeps the fastest that writes as well as full precision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="121"/>
        <source>Loaded in {seconds:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="125"/>
        <source>4-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="125"/>
        <source>8-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="125"/>
        <source>16-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="139"/>
        <source>The model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="142"/>
        <source>{name} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="144"/>
        <source>{name} does not fit in memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="147"/>
        <source>{name} could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="153"/>
        <source>Use the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="155"/>
        <source>Use the smallest model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="158"/>
        <source>Not enough memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="158"/>
        <source>Inkwell keeps working; choose how to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="213"/>
        <source>Model not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="214"/>
        <source>{name} is {state} on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="216"/>
        <source>Get it with:
    {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="235"/>
        <source>Not a usable model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="240"/>
        <source>Could not remember the model</source>
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
        <location filename="../../writer_app/gui/application.py" line="46"/>
        <source>The recovery folder {folder} is not writable ({reason}); recovery copies go to {fallback} for now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="122"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="122"/>
        <source>Start a new manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="123"/>
        <source>New &amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="124"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="124"/>
        <source>Open a .txt or .md manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="125"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="125"/>
        <source>Save the manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="126"/>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="127"/>
        <source>&amp;Close Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="128"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="131"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="132"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="133"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="134"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="135"/>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="136"/>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="137"/>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="138"/>
        <source>Find and &amp;Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="139"/>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="140"/>
        <source>Find Pre&amp;vious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="141"/>
        <source>&amp;Go to Line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="147"/>
        <source>&amp;Font…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="148"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="149"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="150"/>
        <source>&amp;Word Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="154"/>
        <source>Follow &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="154"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="154"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="159"/>
        <source>&amp;About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="160"/>
        <source>&amp;Continue Writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="162"/>
        <source>Write &amp;Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="163"/>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="168"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="170"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="177"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="184"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="185"/>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="189"/>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="191"/>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="194"/>
        <source>&amp;Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="197"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="201"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="229"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="229"/>
        <source>Summarise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="229"/>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="286"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="303"/>
        <source>Unsaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="305"/>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="305"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="309"/>
        <source>Ln {line}, Col {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="316"/>
        <source>{part:,} of {total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="318"/>
        <source>{total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="332"/>
        <source>Unsaved · recovery copy kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="335"/>
        <source>Unsaved · recovery copy failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="337"/>
        <source>Inkwell could not keep a recovery copy: {reason} Save your work somewhere with space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="365"/>
        <source>Open Manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="378"/>
        <source>Opening {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="386"/>
        <source>{name} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="389"/>
        <source>Bytes that were not valid text are shown as �; saving writes them as such.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="402"/>
        <source>Not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="403"/>
        <source>“{name}” is not UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="407"/>
        <source>It may come from an older program. Open it as Western (Windows-1252 / Latin-1) text, or as UTF-8 with the invalid bytes shown as �? Nothing is changed on disk until you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="410"/>
        <source>Open as Western</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="410"/>
        <source>Open with �</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="418"/>
        <source>Inkwell opens plain-text manuscripts such as .txt and .md files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="423"/>
        <source>Cannot open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="423"/>
        <source>“{name}” could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="443"/>
        <source>Opening {name}… {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="457"/>
        <source>Restored unsaved work from {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="460"/>
        <source>Opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="461"/>
        <source>Opened {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="480"/>
        <source>Wait until the file has finished opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="489"/>
        <source>Untitled.md</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="490"/>
        <source>Save Manuscript As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="505"/>
        <source>Save as UTF-8?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="506"/>
        <source>“{name}” is stored as {encoding}, which cannot hold some characters you wrote, such as “{char}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="509"/>
        <source>Save it as UTF-8 instead? Every modern program reads UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="510"/>
        <source>Save as UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="523"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="524"/>
        <source>“{name}” could not be saved. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="527"/>
        <source>Your text is safe: it is still here in the editor, and Inkwell keeps a recovery copy. Use File ▸ Save As… to save it somewhere else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="532"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="539"/>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="550"/>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="553"/>
        <source>Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="567"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="573"/>
        <source>Writing model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="577"/>
        <source>Summarise with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="577"/>
        <source>Answer questions with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="585"/>
        <source>Run Models &amp;On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="587"/>
        <source>Fastest for This Computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="588"/>
        <source>4-bit (smallest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="589"/>
        <source>8-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="590"/>
        <source>16-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="591"/>
        <source>Full Precision (slowest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="593"/>
        <source>&amp;Precision on the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="595"/>
        <source>Measured once per model on this computer, never below the quality guard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="615"/>
        <source>{name} ({state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="575"/>
        <source>Add a Model &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="584"/>
        <source>Best available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="584"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="584"/>
        <source>NVIDIA GPU (CUDA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="584"/>
        <source>Apple GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="624"/>
        <source>Choose a Hugging Face model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="643"/>
        <source>Go to Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="643"/>
        <source>Line (1–{total}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="649"/>
        <source>Manuscript Font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="656"/>
        <source>About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="658"/>
        <source>&lt;h3&gt;Inkwell {version}&lt;/h3&gt;&lt;p&gt;An offline writing assistant. Your manuscript and everything the models read stay on this computer.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManuscriptIndexer</name>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="99"/>
        <source>reading your manuscript…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="107"/>
        <source>reading your manuscript… {percent:.0%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="116"/>
        <source>ready · {count:,} passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="125"/>
        <source>paused while the model works</source>
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
    <name>SummarisePanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="37"/>
        <source>Selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="37"/>
        <source>Current chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="37"/>
        <source>Whole manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="41"/>
        <source>Short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="41"/>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="41"/>
        <source>Long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="44"/>
        <source>Key sentences only (no rewriting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="45"/>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="61"/>
        <source>Summarise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="46"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="53"/>
        <source>The summary appears here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="56"/>
        <source>Click a sentence to find it in the manuscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="57"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="58"/>
        <source>Add to story notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="62"/>
        <source>Length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="76"/>
        <source>Key sentences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="98"/>
        <source>This model is small and rewrites loosely: the key sentences are your own words, exactly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="109"/>
        <source>the selection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="117"/>
        <source>this chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="118"/>
        <source>the whole manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="124"/>
        <source>Select some text first, or choose another scope.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="128"/>
        <source>There is nothing to summarise in {what}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="143"/>
        <source>Summarising {what}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="156"/>
        <source>Done: {count} key sentences from {chunks} part(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="177"/>
        <source>Summary: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="178"/>
        <source>Added to the story notes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TermsDialog</name>
    <message>
        <location filename="../../writer_app/gui/terms_dialog.py" line="13"/>
        <source>Terms of use: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/terms_dialog.py" line="16"/>
        <source>{name} is distributed under the {licence}. Read them and accept to use the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/terms_dialog.py" line="27"/>
        <source>The terms file is missing from the model&apos;s package. Reinstall the package to read them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/terms_dialog.py" line="29"/>
        <source>I &amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/terms_dialog.py" line="30"/>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
