#!/usr/bin/env bash
# Installs what the full test suite needs beyond a JDK and Maven, from Debian's packages:
# headless Chromium for the web UI test, and PyTorch/ONNX for the VSE++ converter test.
# Run as root (or with sudo). Does nothing for what is already there.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
/usr/bin/python3 -c 'import torch, torchvision, onnx, nltk, numpy, PIL' >/dev/null 2>&1 ||
  need+=(python3-torch python3-torchvision python3-onnx python3-nltk python3-numpy python3-pil)
if ((${#need[@]})); then
  echo "Installing test prerequisites: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}"
fi
