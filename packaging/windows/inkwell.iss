; Inno Setup 6 script for Inkwell on Windows x64 (needs Inno Setup 6.3 or later).
;
; Normally run by packaging\windows\build-windows.ps1, after PyInstaller has
; built dist\inkwell\ (packaging\inkwell.spec). By hand, from any folder:
;
;   ISCC.exe /DAppVersion=0.1.0 packaging\windows\inkwell.iss
;
; Writes dist\Inkwell-<version>-setup.exe. The installer copies the whole
; dist\inkwell folder to {autopf}\Inkwell: Program Files for an install for
; all users, %LOCALAPPDATA%\Programs for one user (no administrator needed).
; It adds Inkwell to "Open with" for .txt and .md without becoming their
; default program.

; Plain (Pascal-style) string literals: backslashes in paths are not escapes.
#pragma parseroption -p+

#define AppName "Inkwell"
#define AppId "inkwell"
#define AppPublisher "The Inkwell developers"
#define AppExeName "inkwell.exe"
#define ProgId "Inkwell.Document"

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

; This script lives in <repo>\packaging\windows.
#define RepoRoot ExtractFileDir(ExtractFileDir(RemoveBackslash(SourcePath)))
#ifndef BundleDir
  #define BundleDir RepoRoot + "\dist\inkwell"
#endif
#ifndef OutputDir
  #define OutputDir RepoRoot + "\dist"
#endif
#ifndef IconFile
  #define IconFile RepoRoot + "\build\packaging\icons\inkwell.ico"
#endif

#if !FileExists(BundleDir + "\" + AppExeName)
  #error Build dist\inkwell first (packaging\windows\build-windows.ps1 runs PyInstaller, then this script)
#endif

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppPublisher}
DefaultDirName={autopf}\{#AppName}
DisableProgramGroupPage=yes
; Per-user install by default; the first page offers "install for all users" (needs admin).
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
; torch and Qt ship 64-bit binaries only.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
ChangesAssociations=yes
OutputDir={#OutputDir}
OutputBaseFilename={#AppName}-{#AppVersion}-setup
#if FileExists(IconFile)
SetupIconFile={#IconFile}
#endif
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
WizardStyle=modern
; The bundle is about 1.3 GB: one solid LZMA2 stream in a single setup.exe.
; ultra64 is much slower for little gain; block threads (in a separate 64-bit
; compressor process, so memory is not limited to the 32-bit compiler's) cut
; the compression time at a small cost in ratio.
Compression=lzma2/max
SolidCompression=yes
LZMAUseSeparateProcess=yes
LZMANumBlockThreads=4
DiskSpanning=no

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundle's libraries wholesale: files a previous version
; left behind (old package metadata, renamed DLLs) must not be picked up.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Registry]
; "Open with" for .txt and .md (HKA: HKCU\Software\Classes for a per-user
; install, HKLM\Software\Classes for all users). The extensions' default
; values are not touched, so whatever opens them today still does.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{#AppName} document"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.txt\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\.md\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExeName},0"
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExeName}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".txt"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExeName}\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#StringChange(AppName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
