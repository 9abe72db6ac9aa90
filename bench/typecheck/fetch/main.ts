interface Message { id?: string; subject?: string | null }
const headers = { Authorization: `Bearer ${process_env('TOKEN')}`, 'Content-Type': 'application/json' };
function process_env(name: string): string { return (globalThis as unknown as { env?: Record<string, string> }).env?.[name] ?? ''; }
export async function main(): Promise<void> {
  const r = await fetch('https://graph.microsoft.com/v1.0/me/messages?$select=subject&$top=5', { headers });
  const page = (await r.json()) as { value: Message[] };
  for (const m of page.value) console.log(m.subject);
  await fetch('https://graph.microsoft.com/v1.0/me/sendMail', { method: 'POST', headers, body: JSON.stringify({ message: { subject: 'Hi', toRecipients: [{ emailAddress: { address: 'a@b.c' } }] } }) });
}
