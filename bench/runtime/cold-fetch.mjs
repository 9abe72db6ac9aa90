// Cold start to the first request, plain fetch.
const r = await fetch('http://127.0.0.1:18080/v1.0/me/messages?$select=subject&$top=5', { headers: { Authorization: 'Bearer t', 'client-request-id': crypto.randomUUID() } });
const j = await r.json(); if (j.value.length !== 5) process.exit(1);
