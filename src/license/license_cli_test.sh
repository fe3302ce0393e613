#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
