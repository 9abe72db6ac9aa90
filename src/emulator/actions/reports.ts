// Usage reports (`/reports/getOffice365ActiveUserCounts(period='D7')`): Graph answers with CSV. The
// emulator's reports are small but well-formed, echoing the parameters so URL literals can be tested.
import { text, type GraphResponse, type RequestContext } from '../http/exchange.js';
import type { OperationTarget } from '../routing/targets.js';
import { entitySetCollection } from '../store/navigation.js';

export function report(ctx: RequestContext, target: OperationTarget): GraphResponse {
  const users = ctx.service.index.schema.entitySets['users'] ? entitySetCollection(ctx.service.store, 'users').list().length : 0;
  const date = ctx.service.store.now().slice(0, 10);
  const params = Object.entries(target.args);
  const header = ['Report Refresh Date', ...params.map(([k]) => k), 'Report Name', 'Active Users'];
  const row = [date, ...params.map(([, v]) => String(v)), target.op.name, String(users)];
  return text(200, `${header.join(',')}\n${row.join(',')}\n`, 'text/csv;charset=utf-8');
}
