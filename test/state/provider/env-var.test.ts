import { describe, expect, it } from 'vitest';
import {
  buildEnvVar, displayEnvVar, envVarEditText, envVarRef, envVarShape, isEnvVarRedacted, isReferenceText,
} from '../../../src/state/provider/env-var.js';

describe('EnvVar values', () => {
  const legacyRef = { value: `prox${'*'.repeat(24)}user`, env_var: 'env.PROXY_USER', from_env: true };
  const legacyLit = { value: 'http://p:3128', env_var: '', from_env: false };
  const newRef = { value: '<REDACTED>', ref: 'env.PASS', type: 'env' };
  const newLit = { value: 'abcd************************wxyz', ref: '', type: 'plain_text' };

  it('classifies shapes and finds references', () => {
    expect([undefined, 's', legacyRef, newRef, { x: 1 }].map(envVarShape)).toEqual(['absent', 'string', 'legacy', 'ref', 'other']);
    expect(envVarRef(legacyRef)).toBe('env.PROXY_USER');
    expect(envVarRef(newRef)).toBe('env.PASS');
    expect(envVarRef('env.X')).toBe('env.X');
    expect(envVarRef('vault.kv/a')).toBe('vault.kv/a');
    expect(envVarRef(legacyLit)).toBeUndefined();
    expect(envVarRef({ value: 'v', from_vault: true, vault_var: 'vault.p' })).toBe('vault.p');
    expect(isReferenceText(' env.A ')).toBe(true);
    expect(isReferenceText('environment')).toBe(false);
  });

  it('displays the reference, else the masked value', () => {
    expect(displayEnvVar(legacyRef, true)).toBe('env.PROXY_USER');
    expect(displayEnvVar(newLit, false)).toBe('•••• (set, redacted)');
    expect(displayEnvVar(legacyLit, true)).toBe('•••• (set, 13 chars)');
    expect(displayEnvVar(legacyLit, false)).toBe('http://p:3128');
    expect(displayEnvVar(undefined, true)).toBe('(not set)');
    expect(isEnvVarRedacted(legacyRef)).toBe(true);
    expect(isEnvVarRedacted(newLit)).toBe(true);
    expect(isEnvVarRedacted(legacyLit)).toBe(false);
  });

  it('edit text never starts with a secret or a mask', () => {
    expect(envVarEditText(legacyLit, true)).toBe('');
    expect(envVarEditText(legacyLit, false)).toBe('http://p:3128');
    expect(envVarEditText(newLit, false)).toBe('');
    expect(envVarEditText(newRef, true)).toBe('env.PASS');
  });

  it('builds the wire value as a plain string, which every line reads', () => {
    expect(buildEnvVar(undefined, 'x')).toBe('x');
    expect(buildEnvVar('old', 'env.N')).toBe('env.N');
    // A plain string whatever the fetched shape: every line reads it (v1.4 and v1.5 store an object they do not know as its JSON text).
    expect(buildEnvVar(legacyLit, 'lit')).toBe('lit');
    expect(buildEnvVar(legacyLit, ' env.N ')).toBe('env.N');
    expect(buildEnvVar(legacyLit, 'vault.kv/p')).toBe('vault.kv/p');
    expect(buildEnvVar(newRef, 'lit')).toBe('lit');
    expect(buildEnvVar(newRef, 'env.M')).toBe('env.M');
  });
});
