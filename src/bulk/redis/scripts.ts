// The Redis engine's Lua: admission is one script, so every limit is checked and charged atomically on
// Redis's own clock (TIME), shared by every worker whatever their clocks say. rate-limiter-flexible does
// not fit here: its Redis limiters count fixed windows (twice the limit gets through across a boundary,
// which a rolling count on Graph answers with 429s), its union limiter charges every limit even when
// another refuses, and it has no semaphore. The windows are the in-process engine's (rolling-window.ts):
// twenty buckets per window in a hash, a bucket counting until its end is a whole window and a margin old.
// The in-flight slots are leases in a sorted set scored by expiry: a worker killed mid-request holds its
// slots only until the lease runs out, and live workers renew theirs.

const NOW = `local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/**
 * KEYS: slots, request window, send window, upload window, app window, mailbox pause, app pause.
 * ARGV: lease, slots, slot limit, lease ms, skew ms, then (amount, limit, window ms) for the request,
 * send, upload and app windows; a limit of -1 is none.
 * Returns 0 (admitted, charged), -1 (no free slot) or the milliseconds to wait (a pause or a window).
 */
export const ADMIT = `${NOW}
local skew = tonumber(ARGV[5])
local wait = 0
for k = 6, 7 do
  local until_ = tonumber(redis.call('GET', KEYS[k]) or '0')
  if until_ - now > wait then wait = until_ - now end
end
local function bucketOf(windowMs) return math.max(1, math.floor(windowMs / 20)) end
local function windowWait(key, amount, limit, windowMs)
  if limit < 0 or amount <= 0 then return 0 end
  local bucket = bucketOf(windowMs)
  local flat = redis.call('HGETALL', key)
  local starts, amounts, total = {}, {}, 0
  for i = 1, #flat, 2 do
    local s, a = tonumber(flat[i]), tonumber(flat[i + 1])
    if s + bucket + windowMs + skew <= now then redis.call('HDEL', key, flat[i])
    else starts[#starts + 1] = s; amounts[s] = a; total = total + a end
  end
  local excess = total + amount - limit
  if excess <= 0 then return 0 end
  table.sort(starts)
  for _, s in ipairs(starts) do
    excess = excess - amounts[s]
    if excess <= 0 then return s + bucket + windowMs + skew - now end
  end
  return 0
end
for w = 0, 3 do
  local ww = windowWait(KEYS[2 + w], tonumber(ARGV[6 + w * 3]), tonumber(ARGV[7 + w * 3]), tonumber(ARGV[8 + w * 3]))
  if ww > wait then wait = ww end
end
if wait > 0 then return wait end
local slotLimit = tonumber(ARGV[3])
if slotLimit >= 0 then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  local used = 0
  for _, m in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do used = used + tonumber(string.match(m, '|(%d+)$')) end
  if used + tonumber(ARGV[2]) > slotLimit then return -1 end
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1] .. '|' .. ARGV[2])
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]) * 2)
end
for w = 0, 3 do
  local amount, limit, windowMs = tonumber(ARGV[6 + w * 3]), tonumber(ARGV[7 + w * 3]), tonumber(ARGV[8 + w * 3])
  if limit >= 0 and amount > 0 then
    local bucket = bucketOf(windowMs)
    redis.call('HINCRBY', KEYS[2 + w], tostring(now - now % bucket), amount)
    redis.call('PEXPIRE', KEYS[2 + w], windowMs + bucket + skew)
  end
end
return 0`;

/** KEYS: slots. ARGV: member, channel, mailbox. Gives the slots back and tells waiting workers. */
export const RELEASE = `redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('PUBLISH', ARGV[2], ARGV[3])
return 0`;

/** KEYS: slots. ARGV: lease ms, members…: pushes the held leases' expiry on (those still there). */
export const RENEW = `${NOW}
for i = 2, #ARGV do redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[1]), ARGV[i]) end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[1]) * 2)
return 0`;

/** KEYS: pause. ARGV: ms. Holds until now + ms, unless a longer pause is already there. */
export const PAUSE = `${NOW}
local until_ = now + math.ceil(tonumber(ARGV[1]))
if until_ > tonumber(redis.call('GET', KEYS[1]) or '0') then redis.call('SET', KEYS[1], until_, 'PX', math.ceil(tonumber(ARGV[1])) + 1000) end
return 0`;
