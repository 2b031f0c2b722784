#!/usr/bin/env node
// The llm-native command (cli/main.mjs): keys, logins, models, custom providers and a chat.
import '../cli/main.mjs';
