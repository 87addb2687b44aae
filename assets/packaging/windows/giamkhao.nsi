; The Windows installer of giamkhao (assets/packaging/windows), built by scripts/dist with NSIS (makensis, Debian's `nsis`).
;
; Per user, without administrator rights (office laptops are locked down): installs into
; %LOCALAPPDATA%\Programs\giamkhao, adds a Start-menu entry, an uninstaller listed in "Apps", and
; associates giamkhao's three file kinds with the app for this user only (HKCU\Software\Classes), so
; that double-clicking a packet the secretary sent opens it:
;   .gkphien  a session (phiên: the organizers' whole contest)
;   .gkgoi    a judge's packet (gói)
;   .gkphieu  a handed-in scoresheet (phiếu chấm)
; .ron files (the same RON text, as older versions named them) are offered under "Open with" without
; taking them over from other programs.
;
; scripts/dist passes: /DVERSION=0.1.0 /DSOURCE=<folder with giamkhao.exe, LICENSE files, README>
; /DICON=<giamkhao.ico> /DOUTFILE=<installer path>, and /DCOMPRESSOR=zlib for a quick debug package

; A 64-bit installer, as the program is: it also runs where only 64-bit Windows programs can (and
; under a 64-bit-only Wine, as in CI).
Target amd64-unicode
!ifndef COMPRESSOR
  !define COMPRESSOR lzma
!endif
SetCompressor /SOLID ${COMPRESSOR}
RequestExecutionLevel user

!include "MUI2.nsh"
!include "FileFunc.nsh"

!ifndef VERSION
  !error "VERSION is not defined: build with scripts/dist"
!endif

Name "giamkhao ${VERSION}"
OutFile "${OUTFILE}"
InstallDir "$LOCALAPPDATA\Programs\giamkhao"
InstallDirRegKey HKCU "Software\giamkhao" "InstallDir"
BrandingText "giamkhao ${VERSION}"

VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "giamkhao"
VIAddVersionKey /LANG=0 "FileDescription" "giamkhao: chấm thi khởi nghiệp đổi mới sáng tạo"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT OR Apache-2.0"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_FINISHPAGE_RUN "$INSTDIR\giamkhao.exe"
; Not ticked: started without a file, giamkhao shows the organizers' sample; a judge opens their packet.
!define MUI_FINISHPAGE_RUN_NOTCHECKED
!define MUI_ABORTWARNING

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default; the installer follows Windows' display language otherwise.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\giamkhao"

; One file kind: its extension, its ProgID and what Explorer calls it.
!macro FileKind EXT PROGID DESCRIPTION
  WriteRegStr HKCU "Software\Classes\${EXT}" "" "${PROGID}"
  WriteRegStr HKCU "Software\Classes\${EXT}" "Content Type" "text/plain"
  WriteRegStr HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}" ""
  WriteRegStr HKCU "Software\Classes\${PROGID}" "" "${DESCRIPTION}"
  WriteRegStr HKCU "Software\Classes\${PROGID}\DefaultIcon" "" "$INSTDIR\giamkhao.exe,0"
  WriteRegStr HKCU "Software\Classes\${PROGID}\shell\open\command" "" '"$INSTDIR\giamkhao.exe" "%1"'
!macroend

!macro RemoveFileKind EXT PROGID
  ; The extension's key goes only if it still names giamkhao (another program may have taken it).
  ReadRegStr $0 HKCU "Software\Classes\${EXT}" ""
  StrCmp $0 "${PROGID}" 0 +2
    DeleteRegKey HKCU "Software\Classes\${EXT}"
  DeleteRegValue HKCU "Software\Classes\${EXT}\OpenWithProgids" "${PROGID}"
  DeleteRegKey HKCU "Software\Classes\${PROGID}"
!macroend

Section "giamkhao"
  SetShellVarContext current
  SetOutPath "$INSTDIR"
  File "${SOURCE}\giamkhao.exe"
  File "${SOURCE}\README.md"
  File "${SOURCE}\LICENSE-MIT"
  File "${SOURCE}\LICENSE-APACHE"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortcut "$SMPROGRAMS\giamkhao.lnk" "$INSTDIR\giamkhao.exe" "" "$INSTDIR\giamkhao.exe" 0

  !insertmacro FileKind ".gkphien" "giamkhao.phien" "Phiên chấm giamkhao"
  !insertmacro FileKind ".gkgoi" "giamkhao.goi" "Gói chấm của giám khảo (giamkhao)"
  !insertmacro FileKind ".gkphieu" "giamkhao.phieu" "Phiếu chấm đã nộp (giamkhao)"
  ; .ron: only offered under "Open with".
  WriteRegStr HKCU "Software\Classes\.ron\OpenWithProgids" "giamkhao.phien" ""
  WriteRegStr HKCU "Software\Classes\Applications\giamkhao.exe\shell\open\command" "" '"$INSTDIR\giamkhao.exe" "%1"'
  WriteRegStr HKCU "Software\Classes\Applications\giamkhao.exe\SupportedTypes" ".gkphien" ""
  WriteRegStr HKCU "Software\Classes\Applications\giamkhao.exe\SupportedTypes" ".gkgoi" ""
  WriteRegStr HKCU "Software\Classes\Applications\giamkhao.exe\SupportedTypes" ".gkphieu" ""
  WriteRegStr HKCU "Software\Classes\Applications\giamkhao.exe\SupportedTypes" ".ron" ""

  WriteRegStr HKCU "Software\giamkhao" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "giamkhao"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "giamkhao"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\giamkhao.exe,0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" $0

  ; Explorer shows the new icons and associations without a restart.
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd

Section "Uninstall"
  SetShellVarContext current
  Delete "$SMPROGRAMS\giamkhao.lnk"
  !insertmacro RemoveFileKind ".gkphien" "giamkhao.phien"
  !insertmacro RemoveFileKind ".gkgoi" "giamkhao.goi"
  !insertmacro RemoveFileKind ".gkphieu" "giamkhao.phieu"
  DeleteRegValue HKCU "Software\Classes\.ron\OpenWithProgids" "giamkhao.phien"
  DeleteRegKey HKCU "Software\Classes\Applications\giamkhao.exe"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  DeleteRegKey HKCU "Software\giamkhao"
  ; The program only: sessions, packets and the app's remembered settings are the person's, and stay.
  Delete "$INSTDIR\giamkhao.exe"
  Delete "$INSTDIR\README.md"
  Delete "$INSTDIR\LICENSE-MIT"
  Delete "$INSTDIR\LICENSE-APACHE"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  System::Call 'shell32::SHChangeNotify(i 0x08000000, i 0, p 0, p 0)'
SectionEnd
