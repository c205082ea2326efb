// The monthly AWS cost of the platform for 20,000 founders and 200 municipalities, estimated from the bench's own
// figures (DynamoDB read and write units per action, the API's own CPU time) and a usage model stated below.
// Everything here is plain arithmetic over numbers the bench measured or this file states; nothing is looked up.

/**
 * The price table used, in USD, for Asia Pacific (Osaka) ap-northeast-3, whose list prices equal Tokyo's for these
 * services. Taken from the AWS price pages as of late 2024 (DynamoDB's on-demand prices after the November 2024 cut);
 * this machine cannot reach AWS to check them, so compare with the AWS Pricing Calculator before quoting a budget.
 * Free tiers are ignored (the estimate errs high).
 */
export const OSAKA_PRICES = {
  dynamoWritePerMillion: 0.7135, // on-demand write request units
  dynamoReadPerMillion: 0.1425, // on-demand read request units
  dynamoStoragePerGbMonth: 0.285,
  dynamoPitrPerGbMonth: 0.228, // continuous backups (point-in-time recovery), which infra/ enables
  lambdaPerGbSecondArm: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  httpApiPerMillion: 1.29, // API Gateway HTTP API, first 300 million a month
  cloudFrontPerGbJapan: 0.114, // data transfer out to the internet, first 10 TB, Japan
  cloudFrontHttpsPer10k: 0.012, // HTTPS requests, Japan
  s3PerGbMonth: 0.025, // S3 Standard
  sesPerThousand: 0.1,
  logsIngestPerGb: 0.76, // CloudWatch Logs
} as const;

/** What one action costs, as the bench measured it. */
export interface ActionCost { readUnits: number; writeUnits: number; cpuMs: number; dynamoRequests: number }

/**
 * The usage model: how often each action happens in a month. Stated, not measured: a founder who studies weekly opens
 * the app about 8 times a month and finishes 2–3 lessons each time (each lesson: a start, position saves, a completion).
 */
export const USAGE = {
  founders: 20_000,
  municipalities: 200,
  /** Share of founders who study in a given month. */
  activeShare: 0.6,
  perActiveFounder: { progressWrite: 48, courseProgressRead: 16, quizAttempt: 2, me: 16, pageViews: 40 },
  /** Two staff per municipality, each opening the dashboard and the founders table on working days. */
  staffPerMunicipality: 2,
  perStaff: { dashboard: 40, foundersPage: 60, founderRecord: 30 },
  /** Three advisors per municipality, each looking at their caseload on working days. */
  advisorsPerMunicipality: 3,
  perAdvisor: { caseload: 40, founderRecord: 40 },
  /** The union's admins open the region view now and then. */
  regionViews: 200,
  /** Mails a month: invitations, reminders, make-ups, verification — about two per founder. */
  mailsPerFounder: 2,
  /** Bytes per page view from CloudFront: the first load of the app is cached by the phone; lessons are small. */
  bytesPerPageView: 60 * 1024,
  /** Stored per founder: items (progress, summaries, events) and uploads. */
  tableBytesPerFounder: 40 * 1024,
  uploadBytesPerFounder: 2 * 1024 * 1024,
  /** Log bytes per API request (one JSON line, plus the platform's). */
  logBytesPerRequest: 600,
  /** Billed Lambda time per request beyond the API's own CPU: DynamoDB round trips in the same region. */
  dynamoRoundTripMs: 6,
  lambdaMemoryGb: 1,
} as const;

export type ActionName = 'progressWrite' | 'courseProgressRead' | 'quizAttempt' | 'me' | 'dashboard' | 'foundersPage' | 'founderRecord' | 'caseload' | 'regionView';

export interface CostLine { service: string; usd: number; basis: string }

/** The monthly estimate, line by line, from the measured cost of each action. */
export function monthlyCost(actions: Record<ActionName, ActionCost>, u = USAGE, p = OSAKA_PRICES): { lines: CostLine[]; totalUsd: number; requests: number } {
  const active = u.founders * u.activeShare;
  const staff = u.municipalities * u.staffPerMunicipality;
  const advisors = u.municipalities * u.advisorsPerMunicipality;
  const counts: Record<ActionName, number> = {
    progressWrite: active * u.perActiveFounder.progressWrite,
    courseProgressRead: active * u.perActiveFounder.courseProgressRead,
    quizAttempt: active * u.perActiveFounder.quizAttempt,
    me: active * u.perActiveFounder.me,
    dashboard: staff * u.perStaff.dashboard,
    foundersPage: staff * u.perStaff.foundersPage,
    founderRecord: staff * u.perStaff.founderRecord + advisors * u.perAdvisor.founderRecord,
    caseload: advisors * u.perAdvisor.caseload,
    regionView: u.regionViews,
  };
  let reads = 0; let writes = 0; let requests = 0; let gbSeconds = 0;
  for (const [name, n] of Object.entries(counts) as Array<[ActionName, number]>) {
    const a = actions[name];
    reads += n * a.readUnits;
    writes += n * a.writeUnits;
    requests += n;
    gbSeconds += n * ((a.cpuMs + a.dynamoRequests * u.dynamoRoundTripMs) / 1000) * u.lambdaMemoryGb;
  }
  const pageViews = active * u.perActiveFounder.pageViews + staff * (u.perStaff.dashboard + u.perStaff.foundersPage) + advisors * u.perAdvisor.caseload;
  const gb = (bytes: number) => bytes / 1024 ** 3;
  const lines: CostLine[] = [
    { service: 'DynamoDB writes', usd: (writes / 1e6) * p.dynamoWritePerMillion, basis: `${(writes / 1e6).toFixed(2)} M write units` },
    { service: 'DynamoDB reads', usd: (reads / 1e6) * p.dynamoReadPerMillion, basis: `${(reads / 1e6).toFixed(2)} M read units` },
    { service: 'DynamoDB storage + PITR', usd: gb(u.founders * u.tableBytesPerFounder) * (p.dynamoStoragePerGbMonth + p.dynamoPitrPerGbMonth), basis: `${gb(u.founders * u.tableBytesPerFounder).toFixed(2)} GB` },
    { service: 'Lambda (API)', usd: (requests / 1e6) * p.lambdaPerMillionRequests + gbSeconds * p.lambdaPerGbSecondArm, basis: `${(requests / 1e6).toFixed(2)} M requests, ${gbSeconds.toFixed(0)} GB-s` },
    { service: 'API Gateway (HTTP API)', usd: (requests / 1e6) * p.httpApiPerMillion, basis: `${(requests / 1e6).toFixed(2)} M requests` },
    { service: 'CloudFront', usd: gb(pageViews * u.bytesPerPageView) * p.cloudFrontPerGbJapan + ((pageViews + requests) / 1e4) * p.cloudFrontHttpsPer10k, basis: `${gb(pageViews * u.bytesPerPageView).toFixed(1)} GB, ${((pageViews + requests) / 1e6).toFixed(2)} M requests` },
    { service: 'S3 (web, curriculum, uploads)', usd: gb(u.founders * u.uploadBytesPerFounder) * p.s3PerGbMonth, basis: `${gb(u.founders * u.uploadBytesPerFounder).toFixed(0)} GB` },
    { service: 'SES', usd: ((u.founders * u.mailsPerFounder) / 1000) * p.sesPerThousand, basis: `${u.founders * u.mailsPerFounder} mails` },
    { service: 'CloudWatch Logs', usd: gb(requests * u.logBytesPerRequest) * p.logsIngestPerGb, basis: `${gb(requests * u.logBytesPerRequest).toFixed(1)} GB` },
  ];
  return { lines, totalUsd: lines.reduce((s, l) => s + l.usd, 0), requests };
}
