/**
 * @internal The Lua scripts behind every shared change. Each one reads the Redis clock
 * (`TIME`), so break ends and lease expiries never depend on an instance's clock, and
 * replies with a flat array of strings and integers (never a map, a boolean or a nil inside
 * an array), which RESP2 and RESP3 encode the same way:
 *
 * `{ code, state, generation, remainingMs, attempt, breakMs, reason, by, successes }`
 *
 * `state` is `'none'` when the breaker has no shared state (never written, or expired).
 * Generations of a new hash start at the Redis clock's millisecond, so a hash recreated after
 * an expiry or a Redis restart is always newer than anything an instance remembers.
 */
const PRELUDE = `
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function load(key)
  local v = redis.call('HMGET', key, 'state', 'gen', 'until', 'attempt', 'breakMs', 'reason', 'by', 'successes')
  if not v[1] then return nil end
  return { state = v[1], gen = tonumber(v[2]) or 0, untilMs = tonumber(v[3]) or 0, attempt = tonumber(v[4]) or 0,
    breakMs = tonumber(v[5]) or 0, reason = v[6] or 'restored', by = v[7] or '', successes = tonumber(v[8]) or 0 }
end
local function remaining(s, now)
  if s.state ~= 'open' then return 0 end
  return math.max(0, s.untilMs - now)
end
local function reply(code, s, now)
  if not s then return { code, 'none', 0, 0, 0, 0, '', '', 0 } end
  return { code, s.state, s.gen, remaining(s, now), s.attempt, s.breakMs, s.reason, s.by, s.successes }
end
local function save(key, s, now, ttl)
  redis.call('HSET', key, 'state', s.state, 'gen', s.gen, 'until', s.untilMs, 'attempt', s.attempt,
    'breakMs', s.breakMs, 'reason', s.reason, 'by', s.by, 'successes', s.successes)
  redis.call('PEXPIRE', key, ttl + remaining(s, now))
end
local function announce(channel, name, s, now)
  redis.call('PUBLISH', channel, cjson.encode({ name, s.state, tostring(s.gen), remaining(s, now), s.attempt, s.breakMs, s.reason, s.by, s.successes }))
end
-- An open breaker whose break has ended (within earlyMs) is half-open for the whole fleet.
local function promote(s, now, earlyMs, keys, channel, name, ttl, by)
  if s and s.state == 'open' and now + earlyMs >= s.untilMs then
    s.state = 'half_open'; s.gen = s.gen + 1; s.reason = 'recovery_timeout'; s.by = by; s.successes = 0
    redis.call('DEL', keys[2])
    save(keys[1], s, now, ttl)
    announce(channel, name, s, now)
  end
end
`;

/**
 * KEYS: state, leases. ARGV: channel, name, ttlMs, earlyMs, by.
 * Reads the shared state (promoting a finished break to half-open). Never creates a key.
 */
export const READ_SCRIPT = `${PRELUDE}
local now = now_ms()
local s = load(KEYS[1])
promote(s, now, tonumber(ARGV[4]), KEYS, ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[5])
return reply(0, s, now)
`;

/**
 * KEYS: state, leases, trips.
 * ARGV: 1 kind, 2 baseGen (0 = unknown), 3 target state, 4 remainingMs, 5 breakMs, 6 attempt,
 * 7 reason, 8 by, 9 ttlMs, 10 quorum (0 = any instance), 11 quorum windowMs,
 * 12 successThreshold, 13 channel, 14 name, 15 earlyMs.
 *
 * Proposes a local transition. Codes: 1 applied (shared state changed, announced),
 * 0 not applied (stale or overtaken: the reply is the state to follow), 2 trip reported
 * (quorum not reached yet). `kind` is one of:
 * - `manual`: always applied (forceOpen, forceClose, disable, reset);
 * - `restore`: re-creates a missing hash (after an expiry or a Redis restart) from the local state;
 * - `trip`: a closed breaker tripped; opens when closed in generation baseGen (or unknown), at
 *   once or on quorum;
 * - `reopen`: a trial failed or timed out; opens a half-open breaker of generation baseGen
 *   (a closed one, it is a trip);
 * - `success`: one trial succeeded in half-open generation baseGen; closes on the threshold;
 * - `close`: this instance's trials closed it; closes half-open generation baseGen.
 */
export const PROPOSE_SCRIPT = `${PRELUDE}
local now = now_ms()
local kind, baseGen, by, ttl = ARGV[1], tonumber(ARGV[2]), ARGV[8], tonumber(ARGV[9])
local channel, name = ARGV[13], ARGV[14]
local s = load(KEYS[1])
promote(s, now, tonumber(ARGV[15]), KEYS, channel, name, ttl, by)
local function set(state, remainingMs, breakMs, attempt, reason)
  local n = { state = state, gen = now, untilMs = now + remainingMs, attempt = attempt, breakMs = breakMs,
    reason = reason, by = by, successes = 0 }
  if s then n.gen = s.gen + 1 end
  redis.call('DEL', KEYS[2])
  if state ~= 'closed' then redis.call('DEL', KEYS[3]) end
  save(KEYS[1], n, now, ttl)
  announce(channel, name, n, now)
  return reply(1, n, now)
end
local function trip()
  if s and (s.state ~= 'closed' or (baseGen ~= 0 and baseGen ~= s.gen)) then return reply(0, s, now) end
  local quorum = tonumber(ARGV[10])
  if quorum > 0 then
    local window = tonumber(ARGV[11])
    redis.call('ZADD', KEYS[3], now, by)
    redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - window)
    redis.call('PEXPIRE', KEYS[3], window + 1000)
    if redis.call('ZCARD', KEYS[3]) < quorum then return reply(2, s, now) end
  end
  return set('open', tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), ARGV[7])
end
if kind == 'manual' then
  redis.call('DEL', KEYS[3])
  return set(ARGV[3], 0, 0, 0, 'manual')
elseif kind == 'restore' then
  if s then return reply(0, s, now) end
  return set(ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]), 'restored')
elseif kind == 'trip' then
  return trip()
elseif kind == 'reopen' then
  if not s or s.state == 'closed' then return trip() end
  if s.state ~= 'half_open' or s.gen ~= baseGen then return reply(0, s, now) end
  return set('open', tonumber(ARGV[4]), tonumber(ARGV[5]), math.max(tonumber(ARGV[6]), s.attempt + 1), ARGV[7])
elseif kind == 'success' or kind == 'close' then
  if not s or s.state == 'closed' then
    redis.call('ZREM', KEYS[3], by)
    return reply(0, s, now)
  end
  if s.state ~= 'half_open' or s.gen ~= baseGen then return reply(0, s, now) end
  if kind == 'success' then
    s.successes = redis.call('HINCRBY', KEYS[1], 'successes', 1)
    if s.successes < tonumber(ARGV[12]) then return reply(1, s, now) end
  end
  return set('closed', 0, 0, 0, 'trials_succeeded')
end
return redis.error_reply('rxcb: unknown proposal ' .. tostring(kind))
`;

/**
 * KEYS: state, leases. ARGV: 1 member, 2 halfOpenMaxCalls, 3 leaseMs, 4 earlyMs, 5 channel,
 * 6 name, 7 ttlMs, 8 by.
 * Grants one half-open trial lease (code 1) when the breaker is half-open for the fleet and
 * fewer than halfOpenMaxCalls unexpired leases exist; else code 0. Promotes a finished break.
 */
export const LEASE_SCRIPT = `${PRELUDE}
local now = now_ms()
local s = load(KEYS[1])
promote(s, now, tonumber(ARGV[4]), KEYS, ARGV[5], ARGV[6], tonumber(ARGV[7]), ARGV[8])
if not s or s.state ~= 'half_open' then return reply(0, s, now) end
local leaseMs = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[2]) then return reply(0, s, now) end
redis.call('ZADD', KEYS[2], now + leaseMs, ARGV[1])
redis.call('PEXPIRE', KEYS[2], leaseMs + 1000)
return reply(1, s, now)
`;

/** KEYS: leases. ARGV: members. Gives unused leases back to the fleet; replies how many. */
export const RELEASE_SCRIPT = `
return redis.call('ZREM', KEYS[1], unpack(ARGV))
`;

/**
 * KEYS: one counts bucket. ARGV: by, successes, failures, ttlMs. Stores this instance's
 * totals of the bucket as absolute values, so a batch delivered twice counts once.
 */
export const COUNTS_WRITE_SCRIPT = `
redis.call('HSET', KEYS[1], ARGV[1] .. ':s', ARGV[2], ARGV[1] .. ':f', ARGV[3])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
return 1
`;

/** KEYS: counts buckets. Replies `{ successes, failures, instances }` summed over them. */
export const COUNTS_READ_SCRIPT = `
local s, f, seen, instances = 0, 0, {}, 0
for _, key in ipairs(KEYS) do
  local kv = redis.call('HGETALL', key)
  for i = 1, #kv, 2 do
    local field, value = kv[i], tonumber(kv[i + 1]) or 0
    local who, what = string.match(field, '^(.*):(%a)$')
    if what == 's' then s = s + value elseif what == 'f' then f = f + value end
    if who and not seen[who] then seen[who] = true; instances = instances + 1 end
  end
end
return { s, f, instances }
`;
