@echo off
rem Panel LKjIP: klik dua kali berkas ini. Memasang uv bila belum ada, lalu membuka panel di browser.
cd /d "%~dp0"
where uv >nul 2>nul
if errorlevel 1 (
  echo uv belum terpasang. Memasang uv dari astral.sh ...
  powershell -ExecutionPolicy ByPass -c "irm https://astral.sh/uv/install.ps1 | iex"
  set "PATH=%USERPROFILE%\.local\bin;%PATH%"
)
echo Membuka panel LKjIP. Biarkan jendela ini terbuka; tutup untuk berhenti.
uv run build.py panel
if errorlevel 1 (
  echo.
  echo Panel berhenti karena kesalahan. Baca pesan di atas.
  pause
)
