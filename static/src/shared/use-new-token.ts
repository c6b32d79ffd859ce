/** The create form's state: the fields, the checks made before sending, and the server's answer. */
import { useState, type FormEvent } from 'react';
import type { CreatedToken, ErrorBody, OperationResult } from '../../../src/app/contract';
import type { TokenScope, Validity } from '../../../src/core/types';
import { nameErrors } from './errors';
import { defaultValidity, tokenNameProblem } from './token-rules';

/** The fields of a new token as the form collected them. */
export interface NewToken {
  name: string;
  validity: Validity;
  scope: TokenScope;
}

/** What the form shows and does. */
export interface NewTokenDraft {
  name: string;
  setName: (name: string) => void;
  validity: Validity | null;
  setValidity: (validity: Validity | null) => void;
  scope: TokenScope;
  setScope: (scope: TokenScope) => void;
  nameErrors: string[];
  refusal: ErrorBody | null;
  busy: boolean;
  submit: (event: FormEvent) => Promise<void>;
}

/** `blocked` is a check of another field (the user picker); a problem there stops the send. */
export function useNewToken(options: {
  validityOptions: readonly Validity[];
  create: (input: NewToken) => Promise<OperationResult<CreatedToken>>;
  onCreated: (created: CreatedToken) => void;
  blocked: () => string | null;
}): NewTokenDraft {
  const [name, setName] = useState('');
  const [validity, setValidity] = useState(defaultValidity(options.validityOptions));
  const [scope, setScope] = useState<TokenScope>('read-write');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<ErrorBody | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const problem = tokenNameProblem(name);
    setNameProblem(problem);
    if (problem !== null || validity === null || options.blocked() !== null) {
      return;
    }
    setBusy(true);
    const result = await options.create({ name: name.trim(), validity, scope });
    setBusy(false);
    setRefusal(result.ok ? null : result.error);
    if (result.ok) {
      setName('');
      options.onCreated(result.data);
    }
  }

  const errors = nameErrors(nameProblem, refusal);
  return {
    name,
    setName,
    validity,
    setValidity,
    scope,
    setScope,
    nameErrors: errors,
    refusal,
    busy,
    submit,
  };
}
