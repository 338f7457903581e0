import { spawn } from 'node:child_process'

export interface RunResult {
  stdout: string
  stderr: string
  /** Wall time in milliseconds. */
  ms: number
}

/**
 * The environment for child processes: the test runner's own markers (`NODE_ENV=test`, `VITEST*`)
 * would turn a consumer's `vite build` into a development build, and `npm run`'s `npm_package_*`
 * describe this repository, not the scratch app. `npm_config_*` stays, so `npm_config_cache=…`
 * reaches the installs.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (key === 'NODE_ENV' || key === 'TEST' || key.startsWith('VITEST') || key.startsWith('npm_package_') || key.startsWith('npm_lifecycle_')) continue
    env[key] = value
  }
  return { ...env, CI: '1', NO_COLOR: '1', FORCE_COLOR: '0', ...extra }
}

/** The last lines of a command's output, for an error message. */
function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n')
}

/**
 * Runs a command without a shell; rejects with its output when it fails or outlives `timeoutMs`
 * (the whole process group is killed then, so no `npm` child is left behind).
 */
export function run(command: string, args: string[], { cwd, timeoutMs, env = childEnv() }: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  const started = Date.now()
  const label = `${command} ${args.join(' ')} (in ${cwd})`
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL')
      } catch {
        child.kill('SIGKILL')
      }
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      reject(new Error(`${label} could not start: ${error.message}`, { cause: error }))
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      const ms = Date.now() - started
      if (timedOut) reject(new Error(`${label} timed out after ${timeoutMs} ms\n${tail(stdout)}\n${tail(stderr)}`))
      else if (code !== 0) reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}) after ${ms} ms\n--- stdout\n${tail(stdout)}\n--- stderr\n${tail(stderr)}`))
      else resolve({ stdout, stderr, ms })
    })
  })
}
