<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
        <location filename="../../writer_app/gui/main_window.py" line="114"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="114"/>
        <source>Start a new manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="115"/>
        <source>New &amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="116"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="116"/>
        <source>Open a .txt or .md manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="117"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="117"/>
        <source>Save the manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="118"/>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="119"/>
        <source>&amp;Close Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="120"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="123"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="124"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="125"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="126"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="127"/>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="128"/>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="129"/>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="130"/>
        <source>Find and &amp;Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="131"/>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="132"/>
        <source>Find Pre&amp;vious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="133"/>
        <source>&amp;Go to Line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="139"/>
        <source>&amp;Font…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="140"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="141"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="142"/>
        <source>&amp;Word Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="146"/>
        <source>Follow &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="146"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="146"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="151"/>
        <source>&amp;About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="156"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="158"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="165"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="172"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="173"/>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="177"/>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="179"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="183"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="208"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="208"/>
        <source>Continue will write the next lines at your cursor, in your voice, with a model running on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="209"/>
        <source>Summarise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="209"/>
        <source>Summarise will condense a selection, a chapter or the whole manuscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="210"/>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="210"/>
        <source>Ask will answer questions about your manuscript and link each answer to the passages it comes from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="256"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="273"/>
        <source>Unsaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="275"/>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="275"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="279"/>
        <source>Ln {line}, Col {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="286"/>
        <source>{part:,} of {total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="288"/>
        <source>{total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="302"/>
        <source>Unsaved · recovery copy kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="305"/>
        <source>Unsaved · recovery copy failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="307"/>
        <source>Inkwell could not keep a recovery copy: {reason} Save your work somewhere with space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="335"/>
        <source>Open Manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="348"/>
        <source>Opening {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="356"/>
        <source>{name} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="359"/>
        <source>Bytes that were not valid text are shown as �; saving writes them as such.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="372"/>
        <source>Not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="373"/>
        <source>“{name}” is not UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="377"/>
        <source>It may come from an older program. Open it as Western (Windows-1252 / Latin-1) text, or as UTF-8 with the invalid bytes shown as �? Nothing is changed on disk until you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="380"/>
        <source>Open as Western</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="380"/>
        <source>Open with �</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="388"/>
        <source>Inkwell opens plain-text manuscripts such as .txt and .md files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="393"/>
        <source>Cannot open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="393"/>
        <source>“{name}” could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="413"/>
        <source>Opening {name}… {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="427"/>
        <source>Restored unsaved work from {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="430"/>
        <source>Opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="431"/>
        <source>Opened {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="450"/>
        <source>Wait until the file has finished opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="459"/>
        <source>Untitled.md</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="460"/>
        <source>Save Manuscript As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="475"/>
        <source>Save as UTF-8?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="476"/>
        <source>“{name}” is stored as {encoding}, which cannot hold some characters you wrote, such as “{char}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="479"/>
        <source>Save it as UTF-8 instead? Every modern program reads UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="480"/>
        <source>Save as UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="493"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="494"/>
        <source>“{name}” could not be saved. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="497"/>
        <source>Your text is safe: it is still here in the editor, and Inkwell keeps a recovery copy. Use File ▸ Save As… to save it somewhere else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="502"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="509"/>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="520"/>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="523"/>
        <source>Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="544"/>
        <source>Go to Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="544"/>
        <source>Line (1–{total}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="550"/>
        <source>Manuscript Font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="557"/>
        <source>About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="559"/>
        <source>&lt;h3&gt;Inkwell {version}&lt;/h3&gt;&lt;p&gt;An offline writing assistant. Your manuscript and everything the models read stay on this computer.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlaceholderPanel</name>
    <message>
        <location filename="../../writer_app/gui/panels/placeholder.py" line="13"/>
        <source>Not ready yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/panels/placeholder.py" line="13"/>
        <source>It arrives with Inkwell&apos;s local inference engine.</source>
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
</TS>
