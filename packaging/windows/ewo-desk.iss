; Inno Setup 6 script for EWO Desk: a per-user install (no administrator rights), a Start-menu
; entry, and an uninstall that leaves the officer's caseload alone.
;
; Build the frozen app first (packaging/README.md, "Windows"), then from the repository root:
;     iscc packaging\windows\ewo-desk.iss
; Output: dist\ewo-desk-<version>-setup.exe. Sign it (and the two exes before this step) with
; signtool; see packaging/README.md.
;
; Where things go
;   program   {autopf}\EWO Desk  = %LOCALAPPDATA%\Programs\EWO Desk  (per-user, PrivilegesRequired=lowest)
;   caseload  %LOCALAPPDATA%\EWO Desk  (ewo_desk/paths.py, platformdirs; or --data-dir / EWO_DESK_DATA_DIR)
; The two folders are separate on purpose: the uninstaller removes only the files it installed
; (Inno Setup's log), so the caseload, its key file, backups and logs stay. There is no
; [UninstallDelete] section, and there must never be one that reaches the data folder.

#define AppName "EWO Desk"
#define DistDir SourcePath + "..\..\dist\ewo-desk"
#define ConsoleExe "ewo-desk.exe"
#define GuiExe "EWO Desk.exe"
; The version comes from the exe's version resource (packaging/windows/version_info.txt, which the
; spec checks against ewo_desk.__version__), so the installer can never disagree with the app.
#define AppVersion GetStringFileInfo(DistDir + "\" + ConsoleExe, "ProductVersion")
#if AppVersion == ""
  #error "Build dist\ewo-desk first (packaging/README.md): no version resource found"
#endif

[Setup]
; AppId identifies the product for upgrades and uninstall: never change it.
AppId={{F8C0F599-7728-4150-981D-C8D2452B9563}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=EWO Desk
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} installer
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir={#SourcePath}..\..\dist
OutputBaseFilename=ewo-desk-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={app}\{#GuiExe}
UninstallDisplayName={#AppName}
; Close a running EWO Desk before files are replaced (it closes its caseload on quit).
CloseApplications=yes
RestartApplications=no
SetupLogging=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[InstallDelete]
; An upgrade replaces the bundled libraries wholesale, so files a newer build no longer ships do
; not linger next to the new ones. Only inside {app}.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#DistDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Comment: "Casework for education welfare officers"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

[Code]
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and (not UninstallSilent) then
    MsgBox('EWO Desk has been removed. Your caseload was not touched: it is still in ' +
      ExpandConstant('{localappdata}') + '\EWO Desk (with its key file, backups and logs). ' +
      'Delete that folder yourself only once the caseload is backed up or no longer needed.',
      mbInformation, MB_OK);
end;
