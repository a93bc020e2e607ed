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
    <name>EngineHub</name>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="39"/>
        <source>Models start after the window opens…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="75"/>
        <source>No writing model chosen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="75"/>
        <source>Choose one in the Models menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="78"/>
        <source>{name}: terms not accepted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="78"/>
        <source>Choose it in the Models menu to read and accept its terms.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="80"/>
        <source>Starting {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="89"/>
        <source>Preparing {name} for first use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="92"/>
        <source>This happens once; later starts take seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="94"/>
        <source>Loading {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="99"/>
        <source>Loaded in {seconds:.1f} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="113"/>
        <source>The model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="116"/>
        <source>{name} is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="118"/>
        <source>{name} does not fit in memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="121"/>
        <source>{name} could not start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="127"/>
        <source>Use the CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="129"/>
        <source>Use the smallest model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="132"/>
        <source>Not enough memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="132"/>
        <source>Inkwell keeps working; choose how to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="158"/>
        <source>Model not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="159"/>
        <source>{name} is {state} on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/engine_hub.py" line="161"/>
        <source>Get it with:
    {advice}</source>
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
        <location filename="../../writer_app/gui/application.py" line="47"/>
        <source>The recovery folder {folder} is not writable ({reason}); recovery copies go to {fallback} for now.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="118"/>
        <source>&amp;New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="118"/>
        <source>Start a new manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="119"/>
        <source>New &amp;Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="120"/>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="120"/>
        <source>Open a .txt or .md manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="121"/>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="121"/>
        <source>Save the manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="122"/>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="123"/>
        <source>&amp;Close Window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="124"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="127"/>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="128"/>
        <source>&amp;Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="129"/>
        <source>Cu&amp;t</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="130"/>
        <source>&amp;Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="131"/>
        <source>&amp;Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="132"/>
        <source>Select &amp;All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="133"/>
        <source>&amp;Find…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="134"/>
        <source>Find and &amp;Replace…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="135"/>
        <source>Find &amp;Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="136"/>
        <source>Find Pre&amp;vious</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="137"/>
        <source>&amp;Go to Line…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="143"/>
        <source>&amp;Font…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="144"/>
        <source>Zoom &amp;In</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="145"/>
        <source>Zoom &amp;Out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="146"/>
        <source>&amp;Word Wrap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="150"/>
        <source>Follow &amp;System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="150"/>
        <source>&amp;Light</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="150"/>
        <source>&amp;Dark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="155"/>
        <source>&amp;About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="160"/>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="162"/>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="169"/>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="176"/>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="177"/>
        <source>&amp;Theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="181"/>
        <source>&amp;Panels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="183"/>
        <source>&amp;Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="186"/>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="190"/>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="219"/>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="219"/>
        <source>Continue will write the next lines at your cursor, in your voice, with a model running on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="220"/>
        <source>Summarise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="220"/>
        <source>Summarise will condense a selection, a chapter or the whole manuscript.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="221"/>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="221"/>
        <source>Ask will answer questions about your manuscript and link each answer to the passages it comes from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="267"/>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="284"/>
        <source>Unsaved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="286"/>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="286"/>
        <source>New</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="290"/>
        <source>Ln {line}, Col {column}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="297"/>
        <source>{part:,} of {total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="299"/>
        <source>{total:,} words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="313"/>
        <source>Unsaved · recovery copy kept</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="316"/>
        <source>Unsaved · recovery copy failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="318"/>
        <source>Inkwell could not keep a recovery copy: {reason} Save your work somewhere with space.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="346"/>
        <source>Open Manuscript</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="359"/>
        <source>Opening {name}…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="367"/>
        <source>{name} is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="370"/>
        <source>Bytes that were not valid text are shown as �; saving writes them as such.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="383"/>
        <source>Not UTF-8 text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="384"/>
        <source>“{name}” is not UTF-8 text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="388"/>
        <source>It may come from an older program. Open it as Western (Windows-1252 / Latin-1) text, or as UTF-8 with the invalid bytes shown as �? Nothing is changed on disk until you save.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="391"/>
        <source>Open as Western</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="391"/>
        <source>Open with �</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="399"/>
        <source>Inkwell opens plain-text manuscripts such as .txt and .md files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="404"/>
        <source>Cannot open file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="404"/>
        <source>“{name}” could not be opened.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="424"/>
        <source>Opening {name}… {percent}%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="438"/>
        <source>Restored unsaved work from {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="441"/>
        <source>Opening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="442"/>
        <source>Opened {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="461"/>
        <source>Wait until the file has finished opening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="470"/>
        <source>Untitled.md</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="471"/>
        <source>Save Manuscript As</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="486"/>
        <source>Save as UTF-8?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="487"/>
        <source>“{name}” is stored as {encoding}, which cannot hold some characters you wrote, such as “{char}”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="490"/>
        <source>Save it as UTF-8 instead? Every modern program reads UTF-8.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="491"/>
        <source>Save as UTF-8</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="504"/>
        <source>Could not save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="505"/>
        <source>“{name}” could not be saved. {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="508"/>
        <source>Your text is safe: it is still here in the editor, and Inkwell keeps a recovery copy. Use File ▸ Save As… to save it somewhere else.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="513"/>
        <source>Not saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="520"/>
        <source>Saved {name}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="531"/>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="534"/>
        <source>Clear Menu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="548"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="554"/>
        <source>Writing model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="559"/>
        <source>{name} ({state})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="566"/>
        <source>Run models on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="568"/>
        <source>Best available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="568"/>
        <source>CPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="568"/>
        <source>NVIDIA GPU (CUDA)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="568"/>
        <source>Apple GPU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="590"/>
        <source>Go to Line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="590"/>
        <source>Line (1–{total}):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="596"/>
        <source>Manuscript Font</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="603"/>
        <source>About Inkwell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../../writer_app/gui/main_window.py" line="605"/>
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
        <source>The panel itself is still being built; the status bar shows the model it will use.</source>
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
