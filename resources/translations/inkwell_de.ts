<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="48"/>
        <source>Answers appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="52"/>
        <source>This session&apos;s questions; click one to see its answer again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="57"/>
        <source>Inkwell reads your manuscript in the background so that answers come quickly.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="71"/>
        <source>Earlier questions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="85"/>
        <source>Type a question first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="88"/>
        <source>Wait until the file has finished opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="92"/>
        <source>The manuscript is empty: there is nothing to answer from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="99"/>
        <source>Reading your manuscript…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="115"/>
        <source>No search needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="117"/>
        <source>Searched {count} passages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="123"/>
        <source>Your text never mentions {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="132"/>
        <source>Sources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="132"/>
        <source>The closest passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="137"/>
        <source>match {score:.2f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/ask_panel.py" line="149"/>
        <source>Manuscript index: {state}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <location filename="../../writer_app/gui/autosave.py" line="327"/>
        <source>Recovery copies are off for this session because no recovery folder could be created.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodexPanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="45"/>
        <source>Character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="46"/>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="47"/>
        <source>Object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="48"/>
        <source>Group</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="49"/>
        <source>Lore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="50"/>
        <source>Style rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="51"/>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="171"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="80"/>
        <source>Suggest entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="82"/>
        <source>Read the whole manuscript and suggest its characters, places and other recurring names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="85"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="87"/>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="278"/>
        <source>New entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="99"/>
        <source>Suggestions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="106"/>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="107"/>
        <source>Add the selected suggestions to the Codex (then edit them below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="109"/>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="165"/>
        <source>Merge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="110"/>
        <source>The selected suggestions are one: add them as one entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="112"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="126"/>
        <source>Entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="128"/>
        <source>Filter by name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="139"/>
        <source>Other names, separated by commas</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="141"/>
        <source>What the model should know. Keep it short.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="145"/>
        <source>the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="147"/>
        <source>This version of the entry holds from this chapter on; an earlier version holds before it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="149"/>
        <source>Always include</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="150"/>
        <source>Send with every request, named nearby or not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="160"/>
        <source>Later version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="162"/>
        <source>Describe this entry differently from the chapter at the cursor on (a marriage, a move…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="166"/>
        <source>Fold the selected entries into the first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="168"/>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="172"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="173"/>
        <source>Aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="174"/>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="175"/>
        <source>From chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="198"/>
        <source>The Codex could not be saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="212"/>
        <source>from chapter {number}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="221"/>
        <source>{count} entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="295"/>
        <source>A later version of {name}, from chapter {number}: describe it as it is then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="318"/>
        <source>The manuscript is empty: there is nothing to read yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="323"/>
        <source>Reading the names in your manuscript…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="331"/>
        <source>{count} suggestions, most mentioned first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="333"/>
        <source>{count} more are in the Codex already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="335"/>
        <source>No name recurs often enough to suggest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="342"/>
        <source>{name} · {kind} · {mentions} mentions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="372"/>
        <source>Also: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="376"/>
        <source>chapters {first}–{last} ({count})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="380"/>
        <source>one chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="383"/>
        <source>{mentions} mentions in {where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="385"/>
        <source>First appearance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="389"/>
        <source>Appears with: {names}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="402"/>
        <source>The text has changed since it was read: the place shown may be off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/codex_panel.py" line="411"/>
        <source>Added to the Codex: edit the description below if you like.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="94"/>
        <source>The texts differ from line {first} to line {last} of yours (line {last_on_disk} on disk): too much to compare line by line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="119"/>
        <source>Compare with the File on Disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="123"/>
        <source>“{name}”: paragraphs marked - (red) are only in your text in Inkwell, paragraphs marked + (green) only in the file on disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="134"/>
        <source>The texts are the same.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContinuePanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="79"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="80"/>
        <source>Write on from the cursor (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="81"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="82"/>
        <source>Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="83"/>
        <source>Keep the grey text (Tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="84"/>
        <source>Reject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="85"/>
        <source>Remove the grey text (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="86"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="99"/>
        <source>Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="103"/>
        <source>Write alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="108"/>
        <source>Score: the model&apos;s average log-probability per word piece. Near 0 is predictable; lower is more surprising.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="111"/>
        <source>Insert selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="120"/>
        <source>Sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="123"/>
        <source>Focused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="124"/>
        <source>Balanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="125"/>
        <source>Creative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="126"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="137"/>
        <source>random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="139"/>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="140"/>
        <source>Length (tokens)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="143"/>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="151"/>
        <source>Temperature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="152"/>
        <source>Top-k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="153"/>
        <source>Top-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="154"/>
        <source>Min-p</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="155"/>
        <source>Repetition penalty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="156"/>
        <source>No-repeat n-gram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="157"/>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="165"/>
        <source>Story notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="168"/>
        <source>Characters, setting, style… Sent with every continuation of this manuscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="208"/>
        <source>Story notes could not be saved: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="335"/>
        <source>Write a few words first (or some story notes): Continue writes on from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="355"/>
        <source>Writing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="375"/>
        <source>Kept {words} words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="402"/>
        <source>Write a few words first: alternatives continue from them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="426"/>
        <source>Writing {count} alternatives…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="441"/>
        <source>Inserted alternative {number}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="453"/>
        <source>Read the last {words} words before the cursor (the model&apos;s window ends there, at a sentence).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="455"/>
        <source>Read all {words} words before the cursor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="471"/>
        <source>The model had nothing to add here. Try Regenerate or another preset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="473"/>
        <source>Tab keeps it, Esc removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="506"/>
        <source>Average log-probability per token: {score:.3f}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="511"/>
        <source>Most predictable first. Double-click one to insert it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="479"/>
        <source>Stopped. Tab keeps what was written, Esc removes it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/continue_panel.py" line="516"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../writer_app/gui/dialogs.py" line="36"/>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/dialogs.py" line="37"/>
        <source>Do you want to save the changes to “{name}”?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/dialogs.py" line="44"/>
        <source>If you don&apos;t save, your changes since the last save will be lost.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DiskChangeBar</name>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="41"/>
        <source>&amp;Reload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="42"/>
        <source>Show the version on disk; Undo brings yours back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="43"/>
        <source>&amp;Keep Mine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="44"/>
        <source>Keep your text; the next save replaces the version on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="45"/>
        <source>Com&amp;pare…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="59"/>
        <source>“{name}” was changed by another program. Your text here is untouched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/disk_change_bar.py" line="68"/>
        <source>“{name}” was deleted or moved by another program. Your text is still here; save to keep it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="65"/>
        <location filename="../../writer_app/gui/export_dialog.py" line="106"/>
        <source>Export</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="74"/>
        <source>Standard manuscript format (for agents and publishers)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="75"/>
        <source>Plain (the text with light styling)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="83"/>
        <source>Address, e-mail, telephone: one a line (title page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="86"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="92"/>
        <source>Format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="93"/>
        <source>Layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="94"/>
        <source>Font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="95"/>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="96"/>
        <source>Author</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="97"/>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="98"/>
        <source>Save as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="141"/>
        <source>Export as</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="149"/>
        <source>Choose where to save the export first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/export_dialog.py" line="154"/>
        <source>Exporting…</source>
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
        <location filename="../../writer_app/gui/find_replace.py" line="41"/>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="42"/>
        <source>Find &amp;Previous</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="43"/>
        <source>&amp;Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="44"/>
        <source>Replace &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="48"/>
        <source>Find:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="49"/>
        <source>Replace:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="101"/>
        <location filename="../../writer_app/gui/find_replace.py" line="147"/>
        <source>Type something to find.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="113"/>
        <source>“{text}” was not found.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="118"/>
        <source>Search wrapped around the document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/find_replace.py" line="161"/>
        <source>Replaced {count} occurrence(s).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GetModelsDialog</name>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="88"/>
        <source>Get Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="100"/>
        <source>These models are downloaded from the Hugging Face Hub at a fixed version, and every file is checked before Inkwell uses it. Inkwell goes online only while a download runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="109"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="110"/>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="111"/>
        <source>Licence</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="112"/>
        <source>Good for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="113"/>
        <source>Fits this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="114"/>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="127"/>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="215"/>
        <source>&amp;Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="128"/>
        <source>&amp;Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="129"/>
        <source>&amp;Cancel Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="130"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="176"/>
        <source>Writing, summaries and answers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="178"/>
        <source>Summaries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="180"/>
        <source>Answers picked out of your text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="182"/>
        <source>Finding passages for Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="183"/>
        <source>Continuing prose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="190"/>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="192"/>
        <source>Tight: close other programs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="193"/>
        <source>No: needs about {size} of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="197"/>
        <source>Downloading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="199"/>
        <source>Downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="202"/>
        <source>Paused at {percent:.0%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="203"/>
        <source>Not downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="215"/>
        <source>&amp;Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="229"/>
        <source>{name} is ready.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="233"/>
        <source>Asking the Hub about {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="249"/>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="314"/>
        <source>The download of {name} was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="260"/>
        <source>Model in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="261"/>
        <source>{name} is one of the models you chose in the Models menu; choose another first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="268"/>
        <source>Remove {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="269"/>
        <source>Its files ({size}) are deleted from this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="270"/>
        <source>You can download it again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="271"/>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="281"/>
        <source>Download {name}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="282"/>
        <source>{name} is published under this licence: {licence}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="286"/>
        <source>By downloading it you agree to its licence (see the model&apos;s page on huggingface.co, {repo}). It takes about {size} of disk space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="289"/>
        <source>Download</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="302"/>
        <source>Downloading {percent:.0%} · {done} of {total}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/get_models_dialog.py" line="316"/>
        <source>Paused. Resume whenever you like; the part downloaded is kept.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GoalsDialog</name>
    <message>
        <location filename="../../writer_app/gui/goals.py" line="40"/>
        <source>Goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/goals.py" line="44"/>
        <location filename="../../writer_app/gui/goals.py" line="50"/>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/goals.py" line="45"/>
        <location filename="../../writer_app/gui/goals.py" line="51"/>
        <source> words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/goals.py" line="53"/>
        <source>By</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/goals.py" line="64"/>
        <source>Each session</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/goals.py" line="65"/>
        <source>This manuscript</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="43"/>
        <source>Search what the model wrote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="49"/>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="51"/>
        <source>Insert at cursor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="53"/>
        <source>Export AI report…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="54"/>
        <source>Which passages came from the model, and how much each was edited since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="87"/>
        <source>{shown} of {total} suggestions; ✓ marks those you kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="139"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="142"/>
        <source>Export AI Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="142"/>
        <source>Markdown (*.md)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="151"/>
        <source>The report could not be written: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/history_panel.py" line="153"/>
        <source>AI report written to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InkwellApplication</name>
    <message>
        <location filename="../../writer_app/gui/application.py" line="80"/>
        <source>Recovery copies are off: Inkwell could not create its recovery folder {folder}. {reason} Save your work often.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/application.py" line="87"/>
        <source>The recovery folder {folder} cannot be used. {reason} Recovery copies are kept in {fallback} for now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="214"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="214"/>
        <source>Start a new manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="216"/>
        <source>New &amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="218"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="222"/>
        <source>Open a .txt or .md manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="225"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="225"/>
        <source>Save the manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="227"/>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="228"/>
        <source>&amp;Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="229"/>
        <source>&amp;Goals…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="230"/>
        <source>&amp;Close Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="231"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="234"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="235"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="236"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="237"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="238"/>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="239"/>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="240"/>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="242"/>
        <source>Find and &amp;Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="244"/>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="246"/>
        <source>Find Pre&amp;vious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="248"/>
        <source>&amp;Go to Line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="254"/>
        <source>&amp;Font…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="255"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="256"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="258"/>
        <source>&amp;Word Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="264"/>
        <source>Follow &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="265"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="266"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="272"/>
        <source>&amp;About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="274"/>
        <source>&amp;Continue Writing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="278"/>
        <source>Write &amp;Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="280"/>
        <source>&amp;Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="282"/>
        <source>&amp;Rewrite Selection…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="284"/>
        <source>&amp;Surprise Lens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="288"/>
        <source>&amp;Next Word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="298"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="300"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="307"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="322"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="323"/>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="327"/>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="333"/>
        <source>&amp;Write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="340"/>
        <source>Rewrite &amp;As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="343"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="347"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="366"/>
        <source>Your word-count goals (Write ▸ Goals…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="400"/>
        <source>Outline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="441"/>
        <source>Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="488"/>
        <location filename="../../writer_app/gui/main_window.py" line="558"/>
        <location filename="../../writer_app/gui/main_window.py" line="836"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="572"/>
        <source>Exported {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="577"/>
        <source>Could not save the notes kept beside this manuscript: {reason}. They stay open here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="596"/>
        <source>Unsaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="598"/>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="598"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="602"/>
        <source>Ln {line}, Col {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="618"/>
        <source>{part:,} of {total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="620"/>
        <source>{total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="639"/>
        <source>Unsaved · recovery copy kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="642"/>
        <source>Unsaved · recovery copy failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="644"/>
        <source>Save your work often.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="647"/>
        <source>Inkwell could not keep a recovery copy: {reason} Save your work somewhere with space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="681"/>
        <source>Open Manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="698"/>
        <source>{name} is open in this window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="710"/>
        <source>Opening {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="718"/>
        <location filename="../../writer_app/gui/main_window.py" line="730"/>
        <source>Import</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="719"/>
        <source>Convert {name} to a Markdown manuscript?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="721"/>
        <source>Inkwell edits Markdown and plain text. The text of {name} (with its headings, italics and scene breaks) will be saved as {target} beside it and opened; {name} itself is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="724"/>
        <source>Convert and Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="731"/>
        <source>Converting {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="755"/>
        <source>{name} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="758"/>
        <source>Bytes that were not valid text are shown as �; saving writes them as such.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="771"/>
        <source>Not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="772"/>
        <source>“{name}” is not UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="776"/>
        <source>It may come from an older program. Open it as Western (Windows-1252 / Latin-1) text, or as UTF-8 with the invalid bytes shown as �? Nothing is changed on disk until you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="779"/>
        <source>Open as Western</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="779"/>
        <source>Open with �</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="787"/>
        <source>Inkwell opens plain-text manuscripts such as .txt and .md files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="794"/>
        <source>Cannot open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="795"/>
        <source>“{name}” could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="837"/>
        <source>Opening {name}… {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="866"/>
        <source>Restored unsaved work from {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="871"/>
        <source>Opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="872"/>
        <source>Opened {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="917"/>
        <source>Wait until the file has finished opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="926"/>
        <source>Untitled.md</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="927"/>
        <source>Save Manuscript As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="940"/>
        <source>File is open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="941"/>
        <source>“{name}” is open in another Inkwell window. Save it there, or choose another name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="951"/>
        <source>Replace file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="952"/>
        <source>“{name}” already exists in {folder}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="953"/>
        <source>Replacing it overwrites its contents with this manuscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="954"/>
        <source>Replace</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="964"/>
        <source>Save replacement characters?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="965"/>
        <source>“{name}” had bytes that were not valid text; they are shown as �.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="969"/>
        <source>Saving writes � in their place, and the original bytes are lost. Use Save As… to keep the original file as it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="972"/>
        <source>Save with �</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="985"/>
        <source>File changed on disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="986"/>
        <source>“{name}” was changed by another program since Inkwell opened or last saved it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="989"/>
        <source>Saving now replaces that version with yours. Compare them first, or save yours as another file?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="990"/>
        <source>Save As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="990"/>
        <source>Compare…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="990"/>
        <source>Overwrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1007"/>
        <source>Save as UTF-8?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1009"/>
        <source>“{name}” is stored as {encoding}, which cannot hold some characters you wrote, such as “{char}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1011"/>
        <source>Save it as UTF-8 instead? Every modern program reads UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1012"/>
        <source>Save as UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1029"/>
        <source>Your text is still here in the editor, but Inkwell could not keep a recovery copy either. Keep this window open and use File ▸ Save As… to save it somewhere else, such as a USB stick.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1034"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1035"/>
        <source>“{name}” could not be saved. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1024"/>
        <source>Your text is safe: it is still here in the editor, and Inkwell keeps a recovery copy. Use File ▸ Save As… to save it somewhere else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1040"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1052"/>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1076"/>
        <source>Cannot read file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1077"/>
        <source>“{name}” on disk could not be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1105"/>
        <source>Reloaded {name}. Undo brings your version back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1125"/>
        <source>Inkwell could not keep a recovery copy of your version: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1166"/>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1169"/>
        <source>Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1183"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1200"/>
        <source>Go to Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1200"/>
        <source>Line (1–{total}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1206"/>
        <source>Manuscript Font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1214"/>
        <source>About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="1216"/>
        <source>&lt;h3&gt;Inkwell {version}&lt;/h3&gt;&lt;p&gt;An offline writing assistant. Your manuscript and everything the models read stay on this computer.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ManuscriptIndexer</name>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="79"/>
        <source>read when you ask (a very long manuscript)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="96"/>
        <source>reading your manuscript…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="105"/>
        <source>reading your manuscript… {percent:.0%}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="112"/>
        <source>ready · {count:,} passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/manuscript_index.py" line="119"/>
        <source>paused while the model works</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelHub</name>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="76"/>
        <source>Models start after the window opens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="120"/>
        <source>Some of your own models could not be read from {file}, so they were left out. Inkwell&apos;s own models are all there. Fix the file and start Inkwell again:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="145"/>
        <source>{model} on {server}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="171"/>
        <source>Send your text to {server}?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="172"/>
        <source>Inkwell will send text from your manuscript to {server} ({host}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="176"/>
        <source>The passages you continue, summarise or ask about leave this computer, to be read by whoever runs that server. Until now Inkwell has kept everything here. You are asked once per server; remove the server in Models ▸ Servers… to stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="180"/>
        <source>Send to {server}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="219"/>
        <source>No writing model chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="219"/>
        <source>Choose one in the Models menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="224"/>
        <source>{name}: terms not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="225"/>
        <source>Choose it in the Models menu to read and accept its terms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="228"/>
        <source>Starting {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="239"/>
        <source>Preparing {name} for first use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="242"/>
        <source>This happens once; later starts take seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="244"/>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="246"/>
        <source>Checking the files of {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="248"/>
        <source>Preparing {name} again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="254"/>
        <source>Its prepared copy on this computer was damaged; Inkwell makes a new one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="259"/>
        <source>Measuring {name} on this computer…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="261"/>
        <source>Inkwell times each precision once per model and keeps the fastest that writes as well as full precision.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="274"/>
        <source>Text you continue, summarise or ask about goes to {server}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="277"/>
        <source>Loaded in {seconds:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="281"/>
        <source>4-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="281"/>
        <source>8-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="281"/>
        <source>16-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="289"/>
        <source>{name} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="291"/>
        <source>{name} does not fit in memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="296"/>
        <source>{name} could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="303"/>
        <source>Use the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="305"/>
        <source>Use the smallest model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="311"/>
        <source>Not enough memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="313"/>
        <source>Inkwell keeps working; choose how to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="382"/>
        <source>Model not downloaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="383"/>
        <source>{name} is not on this computer yet. Download it in Models ▸ Get Models….</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="392"/>
        <source>Model not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="393"/>
        <source>{name} is {state} on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="395"/>
        <source>Get it with:
    {advice}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="410"/>
        <source>Not a usable model folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/hub.py" line="415"/>
        <source>Could not remember the model</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../writer_app/gui/models/hub.py" line="425"/>
        <source>%n mistake(s) in models.toml</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ModelsMenu</name>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="21"/>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../writer_app/gui/models/menu.py" line="32"/>
        <source>⚠ %n Mistake(s) in models.toml…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="34"/>
        <source>Writing model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="36"/>
        <source>Add a Model &amp;Folder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="39"/>
        <source>Summarise with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="40"/>
        <source>Answer questions with</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="51"/>
        <source>&amp;Get Models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="52"/>
        <source>&amp;Servers…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="54"/>
        <source>Best available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="55"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="56"/>
        <source>NVIDIA GPU (CUDA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="57"/>
        <source>Apple GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="60"/>
        <source>Run Models &amp;On</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="63"/>
        <source>Fastest for This Computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="64"/>
        <source>4-bit (smallest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="65"/>
        <source>8-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="66"/>
        <source>16-bit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="67"/>
        <source>Full Precision (slowest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="70"/>
        <source>&amp;Precision on the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="77"/>
        <source>Measured once per model on this computer, never below the quality guard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="102"/>
        <source>{name} ({state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="111"/>
        <source>Your models.toml</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/menu.py" line="125"/>
        <source>Choose a Hugging Face model folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NextWord</name>
    <message>
        <location filename="../../writer_app/gui/next_word.py" line="77"/>
        <source>Branch: a sentence from each of the first {count}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/next_word.py" line="78"/>
        <source>Write a short continuation from each, side by side in the Continue panel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutlineSidebar</name>
    <message>
        <location filename="../../writer_app/gui/outline_sidebar.py" line="46"/>
        <source>Chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/outline_sidebar.py" line="46"/>
        <source>Words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/outline_sidebar.py" line="102"/>
        <source>{chapters} chapters · {words:,} words</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PanelContext</name>
    <message>
        <location filename="../../writer_app/gui/panels/context.py" line="155"/>
        <source>The models are still starting; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Panels</name>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="21"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="22"/>
        <source>Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="23"/>
        <source>Codex</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="24"/>
        <source>Summarise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="25"/>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="26"/>
        <source>Surprise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/__init__.py" line="27"/>
        <source>History</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="32"/>
        <source>Recover unsaved work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="39"/>
        <source>Inkwell did not close normally last time. These documents had changes that were not saved. Tick the ones to restore; each opens in its own window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="52"/>
        <source>never saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="55"/>
        <source>{title} — {when} — {words} words
{location}
{preview}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="68"/>
        <source>&amp;Restore selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="69"/>
        <source>&amp;Discard all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="70"/>
        <source>Decide &amp;later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="94"/>
        <source>Decide later keeps them all for the next time Inkwell starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="97"/>
        <source>Unticked documents are not deleted: they are kept and offered again the next time Inkwell starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="99"/>
        <source>Discard all deletes every one of them for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="105"/>
        <source>Discard recovered work?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="106"/>
        <source>Delete all {count} recovered documents?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="108"/>
        <source>Delete the recovered document?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="112"/>
        <source>Their unsaved changes will be gone for good. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/recovery_dialog.py" line="114"/>
        <source>Discard permanently</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RequestPanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/request_panel.py" line="76"/>
        <source>Stopped.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RewritePanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="40"/>
        <source>Rephrase</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="41"/>
        <source>Shorten</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="42"/>
        <source>Expand</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="43"/>
        <source>Describe (senses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="44"/>
        <source>Change tone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="45"/>
        <source>Fix grammar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="46"/>
        <source>Custom instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="50"/>
        <source>sight, sound and smell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="51"/>
        <source>sight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="52"/>
        <source>sound</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="53"/>
        <source>smell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="54"/>
        <source>touch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="55"/>
        <source>taste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="58"/>
        <source>more formal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="59"/>
        <source>more casual</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="60"/>
        <source>tenser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="61"/>
        <source>warmer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="62"/>
        <source>darker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="150"/>
        <source>e.g. Make it sound like a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="156"/>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="157"/>
        <source>Focus</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="159"/>
        <source>Instruction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="161"/>
        <source>Alternatives</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="162"/>
        <source>Rewrite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="163"/>
        <source>Rewrite the selected passage (Ctrl+Shift+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="165"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="167"/>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="168"/>
        <source>New alternatives for the same passage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="170"/>
        <source>Discard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="171"/>
        <source>Keep the passage as it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="238"/>
        <source>Select a passage in the manuscript to rewrite it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="241"/>
        <source>Selected: {words} words.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="253"/>
        <source>Select the words to rewrite first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="256"/>
        <source>Write the instruction first: what should change?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="282"/>
        <source>The passage has changed since: select it and rewrite it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="295"/>
        <source>Rewriting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="309"/>
        <source>The passage changed after it was rewritten; nothing was replaced. Select it and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="319"/>
        <source>Replaced. Undo (Ctrl+Z) brings the passage back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="360"/>
        <source>The model gave nothing back. Try Regenerate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="364"/>
        <source>None of the {count} alternatives passed the checks; they are shown greyed with the reasons. Regenerate, try another mode, or use a larger model (Models menu).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/rewrite_panel.py" line="370"/>
        <source>{usable} of {count} alternatives are usable. Pick one, or Discard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServerKeys</name>
    <message>
        <location filename="../../writer_app/gui/models/server_keys.py" line="47"/>
        <source>This computer has no keyring Inkwell can use, so the key for {server} is kept only until Inkwell closes; you will be asked for it again next time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServersDialog</name>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="86"/>
        <source>Servers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="100"/>
        <source>A server runs bigger models than this computer can: vLLM, llama.cpp, Ollama, LM Studio, or a hosted service that speaks the OpenAI API. Text sent to a server leaves this computer unless the server runs here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="108"/>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="109"/>
        <source>&amp;Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="122"/>
        <source>none (kept in the system keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="126"/>
        <source>Ask the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="129"/>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="131"/>
        <source>the system&apos;s certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="132"/>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="136"/>
        <source>&amp;Test Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="142"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="143"/>
        <source>A&amp;ddress:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="144"/>
        <source>API &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="145"/>
        <source>&amp;Context length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="146"/>
        <source>&amp;Time limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="147"/>
        <source>Certificate &amp;file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="152"/>
        <source>Use this server&apos;s models for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="155"/>
        <source>&amp;Writing (Continue):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="156"/>
        <source>&amp;Answers (Ask):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="157"/>
        <source>&amp;Summaries:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="158"/>
        <source>&amp;Embeddings (Ask&apos;s index):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="235"/>
        <source>Not this server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="265"/>
        <source>Certificate of the server&apos;s authority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="265"/>
        <source>Certificates (*.pem *.crt)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="276"/>
        <source>Asking {server} for its models…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="288"/>
        <source>Connected. %n model(s): </source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="290"/>
        <source>Connected, but the server lists no models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="301"/>
        <source>Two servers with one name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="301"/>
        <source>Give each server its own name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/servers_dialog.py" line="317"/>
        <source>API key kept for this session only</source>
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
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="38"/>
        <source>Current chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="39"/>
        <source>Whole manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="44"/>
        <source>Short</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="44"/>
        <source>Medium</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="44"/>
        <source>Long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="47"/>
        <source>Key sentences only (no rewriting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="48"/>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="66"/>
        <source>Summarise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="49"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="57"/>
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
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="163"/>
        <source>{chapter} · click to find it in the manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="169"/>
        <source>Done: {count} key sentences from {chunks} part(s).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="177"/>
        <source>Stopped: this summary covers the parts read so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="198"/>
        <source>Summary: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/summarise_panel.py" line="199"/>
        <source>Added to the story notes.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SurprisePanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="104"/>
        <source>Look at this chapter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="137"/>
        <source>Leave the selected item unmarked from now on, wherever it recurs in this manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="242"/>
        <source>Every chapter is measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="248"/>
        <source>Chapters measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="257"/>
        <source>Measuring chapters: {left} to go after this one…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="317"/>
        <source>Tint each word of the chapter at the cursor (or the selection) by how surprising it is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="106"/>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="108"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="121"/>
        <source>Each paragraph&apos;s surprise: the warmer, the less predictable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="125"/>
        <source>Measure all chapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="127"/>
        <source>Draw each chapter&apos;s perplexity per word (from its first 2,000 words or so), in the background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="135"/>
        <source>Ignore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="146"/>
        <source>Mark from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="151"/>
        <source>Chapters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="159"/>
        <source>Paragraphs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="163"/>
        <source>Surprising words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="165"/>
        <source>Predictable runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="204"/>
        <source>There is nothing to look at here yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="209"/>
        <source>Reading {words} words…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="329"/>
        <source>Perplexity {perplexity:.1f} a word ({bits:.1f} bits) over {words} words. Hover a marked word to see what was expected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="417"/>
        <source>Paragraph {number}: {bits:.1f} bits a word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="419"/>
        <source>Paragraph {number}: not scored yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="431"/>
        <source>{title}: perplexity {value:.0f} a word</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="433"/>
        <source>{title}: not measured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="346"/>
        <source>{bits} bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="349"/>
        <source>Warm: words the model gave less than 1 in {odds:,} (at least {bits} bits). Cool: predictable runs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="396"/>
        <source>{word} · {bits:.0f} bits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="405"/>
        <source>{bits:.2f} bits a word on average</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/surprise_panel.py" line="546"/>
        <source>&lt;b&gt;{word}&lt;/b&gt;: {bits:.1f} bits (p = {p:.2g})</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TermsDialog</name>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="40"/>
        <source>Terms of use: {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="43"/>
        <source>{name} is distributed under the {licence}. Read them and accept to use the model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="55"/>
        <source>The terms file is missing from the model&apos;s package. Reinstall the package to read them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="58"/>
        <source>I &amp;Accept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/models/terms_dialog.py" line="59"/>
        <source>&amp;Decline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
