// Old payment code, kept for the batch review to find things in (see .tandem/rules.md).
const PAYMENTS_API_KEY = 'pay-demo-not-a-real-key-0000';

export async function charge(customerId: string, cents: number): Promise<boolean> {
  let ok = false;
  try {
    const response = await fetch('https://payments.example.com/charge', {
      method: 'POST',
      headers: { authorization: `Bearer ${PAYMENTS_API_KEY}` },
      body: JSON.stringify({ customerId, cents }),
    });
    ok = response.ok;
  } catch (error) {
    console.log(error);
  }
  return ok;
}
