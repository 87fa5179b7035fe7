; Inno Setup 6 script for Clinic Intake on Windows (per-user, no administrator).
; Build on Windows after the PyInstaller bundle (see .github/workflows/desktop.yml):
;   iscc /DAppVersion=0.1.0 packaging\windows\clinic-intake.iss
; Output: dist\installer\clinic-intake-VERSION-windows-setup.exe
;
; Vaults are NOT in the install folder: the app keeps them in the user's data
; folder, %APPDATA%\clinic-intake\clinic-intake\ (Qt's AppDataLocation), and its
; backups where site IT points them. The uninstaller removes only the files it
; installed (the {app} folder and the Start-menu entry); it has no rule that
; deletes anything under %APPDATA%, so the vaults stay.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Clinic Intake"
#define Bundle "..\..\dist\clinic-intake"

[Setup]
AppId={{6B0E8F3C-5B7A-4C1E-9E2D-2F6A1C8B4D70}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Clinic Intake maintainers
; Per-user: installs into %LOCALAPPDATA%\Programs\Clinic Intake, no UAC prompt.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\clinic-intake-gui.exe
UninstallDisplayName={#AppName}
SetupIconFile=clinic-intake.ico
OutputDir=..\..\dist\installer
OutputBaseFilename=clinic-intake-{#AppVersion}-windows-setup
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
WizardStyle=modern

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "fr"; MessagesFile: "compiler:Languages\French.isl"
Name: "pl"; MessagesFile: "compiler:Languages\Polish.isl"
Name: "ru"; MessagesFile: "compiler:Languages\Russian.isl"
; Inno Setup ships no Chinese, Bengali, Haitian Creole or Urdu wizard texts in
; its standard set (and Korean and Arabic only in recent releases): the wizard
; is in English there. The app itself is in all eleven languages.

[Files]
Source: "{#Bundle}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; Start menu (the user's own Programs folder in a per-user install).
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\clinic-intake-gui.exe"; \
  WorkingDir: "{app}"; Comment: "Offline, encrypted intake and screening"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\clinic-intake-gui.exe"; \
  WorkingDir: "{app}"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Run]
Filename: "{app}\clinic-intake-gui.exe"; Description: "{cm:LaunchProgram,{#AppName}}"; \
  Flags: nowait postinstall skipifsilent

; No [UninstallDelete] and no [Code]: nothing outside {app} is ever removed.
