// llm-native login|logout <provider>: subscription logins (OAuth), tokens kept in the keychain.
import * as llm from '../../index.js';
import { UsageError, single } from '../usage.mjs';
import { promptLine, withProgress } from '../terminal.mjs';
import { didYouMean } from '../suggest.mjs';

const LOGINS = ['anthropic', 'openai', 'github-copilot'];

function loginArg(command, args) {
  const provider = single(command, args, '<provider>');
  if (!LOGINS.includes(provider)) throw new UsageError(`no login for ${provider}${didYouMean(provider, LOGINS)}; logins: ${LOGINS.join(', ')}`);
  return provider;
}

export async function login(args) {
  const provider = loginArg('login', args);
  switch (provider) {
    case 'anthropic': {
      const { url, state } = await llm.startOAuth('anthropic');
      console.log(`Open this URL, approve, and paste the code shown:\n\n  ${url}\n`);
      const code = await promptLine('Code: ');
      await llm.completeOAuth('anthropic', { code, state });
      break;
    }
    case 'openai': {
      const { url, state } = await llm.startOAuth('openai');
      console.log(`Open this URL in a browser on this machine:\n\n  ${url}\n`);
      await withProgress('waiting for the browser to come back', () => llm.completeOAuth('openai', { state }));
      break;
    }
    default: {
      const flow = await llm.startDeviceFlow('github-copilot');
      console.log(`Go to ${flow.verificationUri} and enter the code ${flow.userCode}\n`);
      await withProgress('waiting for approval', () => llm.pollDeviceFlow('github-copilot'));
    }
  }
  console.log(`logged in to ${provider}`);
}

export async function logout(args) {
  const id = loginArg('logout', args);
  console.log((await llm.logout(id)) ? `logged out of ${id}` : `not logged in to ${id}`);
}
