; Kustannusarvio for the office desktop: a per-user installer (no administrator rights), built
; on Linux with Debian's makensis by scripts/build-windows.sh:
;   makensis -DVERSION=0.1.0 -DSRC=<dir with the files> -DOUT=<setup.exe> windows/installer.nsi
; Installs into %LOCALAPPDATA%\Programs\Kustannusarvio, adds a Start-menu entry and an
; uninstaller (Settings → Apps). Silent for software distribution: `Kustannusarvio-setup.exe /S`
; (uninstall: `"%LOCALAPPDATA%\Programs\Kustannusarvio\uninstall.exe" /S`).
; The app needs the Microsoft Edge WebView2 Runtime (preinstalled on Windows 11 and current
; Windows 10); when it is missing the installer says so and names the Evergreen Bootstrapper.

Unicode true
!include "MUI2.nsh"
!include "LogicLib.nsh"

!ifndef VERSION
  !define VERSION "0.0.0"
!endif
!ifndef SRC
  !error "give -DSRC=<directory with kustannusarvio-app.exe>"
!endif
!ifndef OUT
  !define OUT "Kustannusarvio-${VERSION}-setup.exe"
!endif

!define APP "Kustannusarvio"
!define EXE "kustannusarvio-app.exe"
!define UNINST_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\Kustannusarvio"
; the WebView2 Runtime's client id (Microsoft's documentation, "Detect if a WebView2 Runtime is installed")
!define WEBVIEW2_ID "{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
!define WEBVIEW2_BOOTSTRAPPER "https://go.microsoft.com/fwlink/p/?LinkId=2124703"

Name "${APP}"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\${APP}"
InstallDirRegKey HKCU "Software\${APP}" "InstallDir"
RequestExecutionLevel user
SetCompressor /SOLID lzma
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=0 "ProductName" "${APP}"
VIAddVersionKey /LANG=0 "FileDescription" "${APP} installer"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "LegalCopyright" "MIT"

!define MUI_ICON "${SRC}/icon.ico"
!define MUI_UNICON "${SRC}/icon.ico"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Finnish"
!insertmacro MUI_LANGUAGE "Swedish"
!insertmacro MUI_LANGUAGE "English"

LangString NoWebView2 ${LANG_FINNISH} "Microsoft Edge WebView2 Runtime puuttuu. Kustannusarvio tarvitsee sen. Asenna se (Evergreen Bootstrapper: ${WEBVIEW2_BOOTSTRAPPER}) tai pyydä IT-tukea asentamaan se; sovellus asennetaan nyt, ja se käynnistyy, kun WebView2 on asennettu."
LangString NoWebView2 ${LANG_SWEDISH} "Microsoft Edge WebView2 Runtime saknas. Kustannusarvio behöver den. Installera den (Evergreen Bootstrapper: ${WEBVIEW2_BOOTSTRAPPER}) eller be IT-stödet installera den; appen installeras nu och startar när WebView2 är installerad."
LangString NoWebView2 ${LANG_ENGLISH} "The Microsoft Edge WebView2 Runtime is missing. Kustannusarvio needs it. Install it (Evergreen Bootstrapper: ${WEBVIEW2_BOOTSTRAPPER}) or ask IT support to; the app is installed now and starts once WebView2 is installed."

Function .onInit
  !insertmacro MUI_LANGDLL_DISPLAY
FunctionEnd

; WebView2 is present when its client key has a version ("pv") other than empty or 0.0.0.0,
; per machine (64- or 32-bit view) or per user.
Function CheckWebView2
  SetRegView 64
  ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  SetRegView 32
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKLM "SOFTWARE\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    ReadRegStr $0 HKCU "Software\Microsoft\EdgeUpdate\Clients\${WEBVIEW2_ID}" "pv"
  ${EndIf}
  ${If} $0 == ""
  ${OrIf} $0 == "0.0.0.0"
    DetailPrint "$(NoWebView2)"
    MessageBox MB_ICONEXCLAMATION|MB_OK "$(NoWebView2)" /SD IDOK
  ${EndIf}
FunctionEnd

Section "Kustannusarvio" main
  SectionIn RO
  Call CheckWebView2
  SetOutPath "$INSTDIR"
  File "${SRC}/${EXE}"
  File /nonfatal "${SRC}/WebView2Loader.dll"
  File "${SRC}/kustannusarvio.exe"
  File "${SRC}/icon.ico"
  File "${SRC}/LUEMINUT.txt"
  WriteUninstaller "$INSTDIR\uninstall.exe"
  CreateShortcut "$SMPROGRAMS\${APP}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "Software\${APP}" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayName" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST_KEY}" "Publisher" "${APP}"
  WriteRegStr HKCU "${UNINST_KEY}" "DisplayIcon" "$INSTDIR\icon.ico"
  WriteRegStr HKCU "${UNINST_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINST_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINST_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST_KEY}" "NoRepair" 1
SectionEnd

; The app's own data (settings, installed tariff bundles) under %APPDATA% is the user's: it is
; left in place, so a reinstall keeps the last good tariff.
Section "Uninstall"
  Delete "$SMPROGRAMS\${APP}.lnk"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\WebView2Loader.dll"
  Delete "$INSTDIR\kustannusarvio.exe"
  Delete "$INSTDIR\icon.ico"
  Delete "$INSTDIR\LUEMINUT.txt"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINST_KEY}"
  DeleteRegKey HKCU "Software\${APP}"
SectionEnd
