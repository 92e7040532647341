import { resolve } from 'node:path';
import { ADMISSION_RULE_SETS, BADGE_RULE_SETS, DEFAULT_ADMISSION_RULES, DEFAULT_RECEIPT_DAYS } from '@dangvu/common';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().trim().min(1).optional(),
  DANGVU_DATA_DIR: z.string().trim().min(1).default('./data'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DANGVU_ADMIN_PASSWORD: z.string().min(10, 'DANGVU_ADMIN_PASSWORD phải có ít nhất 10 ký tự').optional(),
  DANGVU_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(120),
  DANGVU_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  DANGVU_SECURE_COOKIES: z.enum(['true', 'false']).default('false'),
  DANGVU_DEMO_MEMBERS: z.coerce.number().int().min(100).max(6_000_000).default(30000),
  // The admission rule set new candidates are recorded under; earlier candidates keep theirs.
  DANGVU_ADMISSION_RULES: z.enum(Object.keys(ADMISSION_RULE_SETS) as [string, ...string[]]).default(DEFAULT_ADMISSION_RULES.id),
  // Pins the party-age badge milestones (unset: the rule set in force in each year).
  DANGVU_BADGE_RULES: z.enum(BADGE_RULE_SETS.map((r) => r.code) as [string, ...string[]]).optional(),
  // Days a receiving cell has to confirm a transfer letter before it shows as overdue (HD 12-2022 says 30).
  DANGVU_TRANSFER_RECEIPT_DAYS: z.coerce.number().int().min(1).max(365).default(DEFAULT_RECEIPT_DAYS),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  databaseUrl: string;
  dataDir: string;
  port: number;
  host: string;
  adminPassword: string | undefined;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  secureCookies: boolean;
  logLevel: string;
  demoMembers: number;
  transferReceiptDays: number;
  admissionRules: string;
  badgeRules: string | undefined;
}

/** Parsed once at start-up; a bad setting stops the process with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means unset, as shells and compose files commonly write it.
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Cấu hình không hợp lệ / invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.DANGVU_DATA_DIR);
  return {
    databaseUrl: e.DATABASE_URL ?? resolve(dataDir, 'dangvu.sqlite'),
    dataDir,
    port: e.PORT,
    host: e.HOST,
    adminPassword: e.DANGVU_ADMIN_PASSWORD,
    sessionIdleMinutes: e.DANGVU_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.DANGVU_SESSION_MAX_HOURS,
    secureCookies: e.DANGVU_SECURE_COOKIES === 'true',
    logLevel: e.LOG_LEVEL,
    demoMembers: e.DANGVU_DEMO_MEMBERS,
    transferReceiptDays: e.DANGVU_TRANSFER_RECEIPT_DAYS,
    admissionRules: e.DANGVU_ADMISSION_RULES,
    badgeRules: e.DANGVU_BADGE_RULES,
  };
}
