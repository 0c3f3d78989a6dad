#!/bin/sh
# Panel LKjIP (Linux): installs uv when it is missing, then opens the panel in the browser.
cd "$(dirname "$0")" || exit 1
if ! command -v uv >/dev/null 2>&1; then
  echo "uv belum terpasang. Memasang uv dari astral.sh ..."
  curl -LsSf https://astral.sh/uv/install.sh | sh
  PATH="$HOME/.local/bin:$PATH"
fi
echo "Membuka panel LKjIP. Biarkan jendela ini terbuka; tekan Ctrl+C untuk berhenti."
exec uv run build.py panel "$@"
