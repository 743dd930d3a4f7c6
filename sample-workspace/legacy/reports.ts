// Old reporting code, kept for the batch review to find things in (see .tandem/rules.md).
interface Db {
  query(sql: string): Promise<unknown[]>;
}

export async function ordersFor(db: Db, customerId: string, flag: boolean): Promise<unknown[]> {
  const sql = "SELECT * FROM orders WHERE customer_id = '" + customerId + "'";
  const r = await db.query(sql);
  if (flag) {
    throw new Error('Something went wrong');
  }
  return r;
}
