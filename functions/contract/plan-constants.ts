// Plain values of the business plan (創業計画書) shared with the browser, like constants.ts: no zod here, so the plan
// page can label its fields, size its inputs and check a file before uploading without loading a schema library.
// business-plan.ts builds the schemas from these; docs/business-plan.md says where each section comes from.

/**
 * The eight sections of the 日本政策金融公庫 創業計画書, in the form's order. The keys are the domain's words in
 * English; the labels are the form's headings.
 */
export const PLAN_SECTIONS = ['motive', 'career', 'products', 'partners', 'staff', 'borrowings', 'funding', 'outlook'] as const;
export type PlanSectionKey = (typeof PLAN_SECTIONS)[number];

export const PLAN_SECTION_LABELS: Record<PlanSectionKey, { ja: string; en: string }> = {
  motive: { ja: '創業の動機', en: 'Why you are starting this business' },
  career: { ja: '経営者の略歴等', en: 'Your career and experience' },
  products: { ja: '取扱商品・サービス', en: 'Products and services' },
  partners: { ja: '取引先・取引関係等', en: 'Customers, suppliers and terms' },
  staff: { ja: '従業員', en: 'Staff' },
  borrowings: { ja: 'お借入の状況', en: 'Existing borrowings' },
  funding: { ja: '必要な資金と調達方法', en: 'Funds needed and how you raise them' },
  outlook: { ja: '事業の見通し（月平均）', en: 'Business outlook (monthly average)' },
};

/** The largest yen amount any field takes: 10^11 円 (1,000億円), far above any founder's plan, far below 2^53. */
export const PLAN_MAX_YEN = 100_000_000_000;

/** Field limits (characters for text, entries for lists, people for counts). */
export const PLAN_LIMITS = {
  longText: 800,
  mediumText: 400,
  noteText: 200,
  shortText: 80,
  careerEntries: 15,
  productItems: 5,
  partnersPerGroup: 5,
  loans: 10,
  equipmentItems: 15,
  operatingItems: 10,
  people: 10_000,
  /** A whole plan as JSON: the largest plan the limits above allow fits (test/unit/business-plan.test.ts proves it). */
  bodyBytes: 96 * 1024,
  commentText: 2000,
  reviewNote: 2000,
  fileName: 120,
  /** Presigned POST and GET URLs live this long. */
  uploadTicketSeconds: 300,
  downloadUrlSeconds: 60,
} as const;

/** A self-funds share below this (of the funds needed) gets a hint; lenders commonly expect some own money. */
export const OWN_FUNDS_HINT_SHARE = 0.1;

/** Attachments: what a founder may attach to the plan (quotes, floor plans, price lists, photos of the premises). */
export const ATTACHMENT_TYPES = {
  'application/pdf': ['pdf'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/webp': ['webp'],
} as const satisfies Record<string, readonly string[]>;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_CONTENT_TYPES = Object.keys(ATTACHMENT_TYPES) as AttachmentType[];
/** The `accept` attribute of the file input. */
export const ATTACHMENT_ACCEPT = [...ATTACHMENT_CONTENT_TYPES, ...Object.values(ATTACHMENT_TYPES).flat().map((e) => `.${e}`)].join(',');
/** 10 MB (10 × 1024 × 1024 bytes): the presigned POST policy's content-length-range ends here. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** Attachments one plan may hold. */
export const ATTACHMENTS_PER_PLAN = 20;

/** The content type a file name's extension stands for, or null when it is not one we accept. */
export function attachmentTypeOf(fileName: string): AttachmentType | null {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  if (!ext) return null;
  for (const type of ATTACHMENT_CONTENT_TYPES) if ((ATTACHMENT_TYPES[type] as readonly string[]).includes(ext)) return type;
  return null;
}

/** The columns of 事業の見通し: 創業当初 and 1年後又は軌道に乗った後. */
export const OUTLOOK_COLUMNS = ['start', 'stable'] as const;
export type OutlookColumn = (typeof OUTLOOK_COLUMNS)[number];
export const OUTLOOK_COLUMN_LABELS: Record<OutlookColumn, { ja: string; en: string }> = {
  start: { ja: '創業当初', en: 'at the start' },
  stable: { ja: '軌道に乗った後', en: 'once established' },
};

/** お使いみち of a borrowing, as the form lists them. */
export const LOAN_PURPOSES = ['business', 'housing', 'car', 'education', 'card', 'other'] as const;
export const LOAN_PURPOSE_LABELS: Record<(typeof LOAN_PURPOSES)[number], { ja: string; en: string }> = {
  business: { ja: '事業', en: 'business' },
  housing: { ja: '住宅', en: 'housing' },
  car: { ja: '車', en: 'car' },
  education: { ja: '教育', en: 'education' },
  card: { ja: 'カード', en: 'card' },
  other: { ja: 'その他', en: 'other' },
};

/**
 * The label of every field, keyed `section.path` with list indices left out (`funding.equipment.amount`). The plan
 * page labels its inputs with them; the domain names the field in its findings with them.
 */
export const PLAN_FIELD_LABELS: Record<string, { ja: string; en: string }> = {
  'motive.industry': { ja: '業種', en: 'Line of business' },
  'motive.plannedStart': { ja: '開業予定時期', en: 'Planned opening' },
  'motive.text': { ja: '創業の目的・動機', en: 'Purpose and motive' },
  'career.entries': { ja: '略歴', en: 'Career history' },
  'career.entries.period': { ja: '年月', en: 'Period' },
  'career.entries.description': { ja: '内容（勤務先・担当業務・役職・身につけた技能等）', en: 'What you did (employer, work, position, skills)' },
  'career.pastBusiness': { ja: '過去の事業経験', en: 'Past business experience' },
  'career.pastBusinessNote': { ja: '過去の事業の内容・やめた時期', en: 'That business and when it ended' },
  'career.qualifications': { ja: '取得資格', en: 'Qualifications' },
  'career.intellectualProperty': { ja: '知的財産権等', en: 'Intellectual property' },
  'career.intellectualPropertyNote': { ja: '知的財産権等の内容', en: 'Intellectual property details' },
  'products.items': { ja: '取扱商品・サービスの内容', en: 'Products and services' },
  'products.items.name': { ja: '商品・サービス名', en: 'Product or service' },
  'products.items.price': { ja: '価格', en: 'Price' },
  'products.items.sharePercent': { ja: '売上シェア', en: 'Share of sales' },
  'products.sellingPoints': { ja: 'セールスポイント', en: 'Selling points' },
  'products.targetAndStrategy': { ja: '販売ターゲット・販売戦略', en: 'Target customers and sales strategy' },
  'products.competition': { ja: '競合・市場など企業を取り巻く状況', en: 'Competitors and the market' },
  'partners.customers': { ja: '販売先', en: 'Customers' },
  'partners.suppliers': { ja: '仕入先', en: 'Suppliers' },
  'partners.subcontractors': { ja: '外注先', en: 'Subcontractors' },
  'partners.customers.name': { ja: '販売先の名前', en: 'Customer name' },
  'partners.suppliers.name': { ja: '仕入先の名前', en: 'Supplier name' },
  'partners.subcontractors.name': { ja: '外注先の名前', en: 'Subcontractor name' },
  'partners.customers.location': { ja: '所在地（市区町村）', en: 'Location (city)' },
  'partners.suppliers.location': { ja: '所在地（市区町村）', en: 'Location (city)' },
  'partners.subcontractors.location': { ja: '所在地（市区町村）', en: 'Location (city)' },
  'partners.customers.sharePercent': { ja: 'シェア', en: 'Share' },
  'partners.suppliers.sharePercent': { ja: 'シェア', en: 'Share' },
  'partners.subcontractors.sharePercent': { ja: 'シェア', en: 'Share' },
  'partners.customers.creditPercent': { ja: '掛取引の割合', en: 'Share on credit' },
  'partners.suppliers.creditPercent': { ja: '掛取引の割合', en: 'Share on credit' },
  'partners.subcontractors.creditPercent': { ja: '掛取引の割合', en: 'Share on credit' },
  'partners.customers.terms': { ja: '回収の条件', en: 'When you are paid' },
  'partners.suppliers.terms': { ja: '支払の条件', en: 'When you pay' },
  'partners.subcontractors.terms': { ja: '支払の条件', en: 'When you pay' },
  'partners.payroll.closingDay': { ja: '人件費の締日', en: 'Payroll closing day' },
  'partners.payroll.payDay': { ja: '人件費の支払日', en: 'Payday' },
  'partners.payroll.bonusMonths': { ja: 'ボーナスの支給月', en: 'Bonus months' },
  'staff.officers': { ja: '常勤役員の人数（法人のみ）', en: 'Full-time officers (companies only)' },
  'staff.employees': { ja: '従業員数（3か月以上継続雇用者）', en: 'Employees (employed 3 months or more)' },
  'staff.family': { ja: 'うち家族従業員', en: 'Family employees' },
  'staff.partTime': { ja: 'うちパート従業員', en: 'Part-time employees' },
  'borrowings.loans': { ja: 'お借入', en: 'Borrowings' },
  'borrowings.loans.lender': { ja: 'お借入先名', en: 'Lender' },
  'borrowings.loans.purpose': { ja: 'お使いみち', en: 'Purpose' },
  'borrowings.loans.balance': { ja: 'お借入残高', en: 'Balance' },
  'borrowings.loans.annualRepayment': { ja: '年間返済額', en: 'Repaid per year' },
  'funding.equipment': { ja: '設備資金', en: 'Equipment funds' },
  'funding.equipment.name': { ja: '設備資金の内訳', en: 'Equipment item' },
  'funding.equipment.supplier': { ja: '見積先', en: 'Quoted by' },
  'funding.equipment.amount': { ja: '設備資金の金額', en: 'Equipment amount' },
  'funding.operating': { ja: '運転資金', en: 'Working capital' },
  'funding.operating.name': { ja: '運転資金の内訳', en: 'Working capital item' },
  'funding.operating.amount': { ja: '運転資金の金額', en: 'Working capital amount' },
  'funding.ownFunds': { ja: '自己資金', en: 'Own funds' },
  'funding.relatives': { ja: '親、兄弟、知人、友人等からの借入', en: 'Loans from family and friends' },
  'funding.relativesTerms': { ja: '親族等からの借入の内訳・返済方法', en: 'Family loans: from whom and how repaid' },
  'funding.jfc': { ja: '日本政策金融公庫 国民生活事業からの借入', en: 'Loan from Japan Finance Corporation' },
  'funding.otherInstitutions': { ja: '他の金融機関等からの借入', en: 'Loans from other lenders' },
  'funding.otherInstitutionsTerms': { ja: '他の金融機関等からの借入の内訳・返済方法', en: 'Other loans: lender and repayment' },
  'funding.other': { ja: 'その他の調達', en: 'Other sources' },
  'funding.otherNote': { ja: 'その他の調達の内訳', en: 'Other sources: what they are' },
  'outlook.stableFrom': { ja: '軌道に乗る時期', en: 'When the business is established' },
  'outlook.basis': { ja: '売上高、売上原価（仕入高）、経費を計算された根拠', en: 'How you calculated sales, cost of sales and expenses' },
  'outlook.sales': { ja: '売上高', en: 'Sales' },
  'outlook.costOfSales': { ja: '売上原価（仕入高）', en: 'Cost of sales' },
  'outlook.labour': { ja: '人件費', en: 'Staff costs' },
  'outlook.rent': { ja: '家賃', en: 'Rent' },
  'outlook.interest': { ja: '支払利息', en: 'Interest' },
  'outlook.otherExpenses': { ja: 'その他の経費', en: 'Other expenses' },
  'outlook.depreciation': { ja: '減価償却費（その他の経費のうち）', en: 'Depreciation (part of other expenses)' },
  'outlook.loanRepayment': { ja: '借入金の月返済額（元金）', en: 'Monthly loan repayment (principal)' },
};
