export interface Order {
  id: string;
  customerId: string;
  totalCents: number;
  createdAt: Date;
}

export function totalByCustomer(orders: Order[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const order of orders) {
    totals.set(order.customerId, (totals.get(order.customerId) ?? 0) + order.totalCents);
  }
  return totals;
}
