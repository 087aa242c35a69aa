/** Reading a password on the terminal without showing it, for the `create-admin` and `set-password` commands. */

export interface SecretInput {
  readonly isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
  setEncoding(encoding: BufferEncoding): unknown;
  on(event: "data", listener: (chunk: string) => void): unknown;
  off(event: "data", listener: (chunk: string) => void): unknown;
  resume(): unknown;
  pause(): unknown;
}

export interface SecretOutput {
  write(text: string): unknown;
}

export class PromptCancelled extends Error {}

/**
 * Reads one line in raw mode, so nothing typed is echoed; Backspace deletes, Ctrl-C or Ctrl-D on an empty line
 * cancels. Only for a terminal: a password piped in would be in a file or the shell's history.
 */
export function readSecret(prompt: string, input: SecretInput, output: SecretOutput): Promise<string> {
  if (!input.isTTY || !input.setRawMode) {
    return Promise.reject(new PromptCancelled("not a terminal: give the password in ADMIN_PASSWORD"));
  }
  const setRawMode = input.setRawMode.bind(input);
  // Raw (no echo) before the prompt: what is typed as soon as the prompt shows is not echoed either.
  setRawMode(true);
  output.write(prompt);
  input.setEncoding("utf8");
  input.resume();
  return new Promise((resolve, reject) => {
    let value: string[] = [];
    const finish = (end: () => void) => {
      input.off("data", onData);
      setRawMode(false);
      input.pause();
      output.write("\n");
      end();
    };
    function onData(chunk: string): void {
      for (const character of chunk) {
        if (character === "\r" || character === "\n") {
          finish(() => resolve(value.join("")));
          return;
        }
        if (character === "\u0003" || (character === "\u0004" && value.length === 0)) {
          finish(() => reject(new PromptCancelled("cancelled")));
          return;
        }
        if (character === "\u007f" || character === "\b") value = value.slice(0, -1);
        else if (character !== "\u0004") value.push(character);
      }
    }
    input.on("data", onData);
  });
}

/** A new password, typed twice; the same twice or PromptCancelled. */
export async function readNewPassword(input: SecretInput, output: SecretOutput): Promise<string> {
  const first = await readSecret("New password: ", input, output);
  const second = await readSecret("The same again: ", input, output);
  if (first !== second) throw new PromptCancelled("the two passwords differ");
  return first;
}
