// Browser-side helpers: signing in and out, screenshots, checks.
import path from 'node:path';

export function check(cond, msg) {
  if (!cond) throw new Error(`check failed: ${msg}`);
}

export function step(msg) {
  process.stdout.write(`ok  ${msg}\n`);
}

export async function shot(page, env, name) {
  await page.screenshot({ path: path.join(env.results, `console-${name}.png`), fullPage: true });
}

export async function signIn(page, env, key) {
  await page.goto(`${env.console}#/login`);
  await page.locator('#api-key').fill(key);
  await page.locator('#login-form button[type=submit]').click();
  await page.locator('#who [data-role]').waitFor({ timeout: 10000 });
}

export async function signOut(page) {
  await page.locator('#who button', { hasText: 'Sign out' }).click();
  await page.locator('#login-form').waitFor();
}

export async function navLinks(page) {
  return page.locator('#nav a').allTextContents();
}
