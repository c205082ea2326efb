import { describe, expect, it } from 'vitest';
import {
  ATTACHMENT_ACCEPT, ATTACHMENT_MAX_BYTES, attachmentTypeOf, type BusinessPlan, CommentBody, CommentView, PLAN_FIELD_LABELS, PLAN_LIMITS,
  PLAN_SECTIONS, PlanDraftBody, type PlanFinding, PlanView, ReviewBody, UploadRequest, UploadTicket,
} from '../../functions/contract/business-plan.ts';
import {
  checkPlan, computeFigures, computeFunding, computeOutlook, describeFinding, diffPlans, explainFindings, fieldLabel, formatYen, matchesFileSignature,
  readyToSubmit, replyAllowed, statusAfter, threadComments,
} from '../../functions/domain/business-plan.ts';

// The business plan (創業計画書): contract shapes, the arithmetic and the findings, with a cafe in 大阪市北区 that needs
// 8,000,000円 (設備 5,000,000: 内装工事 and 厨房機器; 運転 3,000,000) raised as 自己資金 2,000,000, 日本政策金融公庫
// 5,000,000 and 1,000,000 from the founder's parents. Figures are illustrative.

/** The complete plan: every required field filled, every total agreeing. It must come back with no finding at all. */
const cafe = (): BusinessPlan => ({
  motive: {
    industry: '喫茶店（自家焙煎コーヒーと焼き菓子）',
    plannedStart: '2027-04',
    text: '大阪市北区の喫茶店で8年間、焙煎と店舗運営を担当した。天満・扇町の住宅とオフィスが混じる地域に、朝7時から開く落ち着いた店が少ないと感じ、週末のマルシェで1年間出店して需要を確かめたうえで創業を決意した。',
  },
  career: {
    entries: [
      { period: '2015年4月〜2019年3月', description: '大阪市内のカフェチェーンでホール・バリスタ（時間帯責任者）' },
      { period: '2019年4月〜2027年2月', description: '大阪市北区の自家焙煎喫茶店で焙煎担当、のち店長（仕入れ・シフト・売上管理）' },
    ],
    pastBusiness: 'none',
    qualifications: '食品衛生責任者、コーヒーインストラクター2級',
    intellectualProperty: 'none',
  },
  products: {
    items: [
      { name: 'ブレンドコーヒー・自家焙煎豆のドリンク', price: '450〜650円', sharePercent: 60 },
      { name: 'モーニングセット・焼き菓子', price: '300〜800円', sharePercent: 30 },
      { name: '焙煎豆の販売', price: '100gあたり800円', sharePercent: 10 },
    ],
    sellingPoints: '毎朝焙煎した豆を使い、朝7時から開店する。',
    targetAndStrategy: '通勤途中の会社員と近隣の子育て世帯。開店前からSNSとマルシェの顧客名簿で案内する。',
    competition: '半径300mにチェーンのカフェが2店、個人店が1店。朝7時から開く店はない。',
  },
  partners: {
    customers: [{ name: '一般個人客', location: '大阪市北区', sharePercent: 100, creditPercent: 20, terms: '即日（キャッシュレスは翌月入金）' }],
    suppliers: [{ name: '生豆商社', location: '大阪市中央区', sharePercent: 70, creditPercent: 100, terms: '末日締 翌月末支払' }],
    payroll: { closingDay: '末日', payDay: '翌月10日', bonusMonths: 'なし' },
  },
  staff: { employees: 2, family: 0, partTime: 2 },
  borrowings: { loans: [{ lender: '○○銀行', purpose: 'car', balance: 480_000, annualRepayment: 240_000 }] },
  funding: {
    equipment: [
      { name: '店舗内装工事', supplier: '○○内装（大阪市北区）', amount: 3_000_000 },
      { name: '厨房機器（焙煎機・エスプレッソマシン）', supplier: '○○厨房（大阪市浪速区）', amount: 2_000_000 },
    ],
    operating: [{ name: '仕入れ・家賃・人件費（3か月分）', amount: 3_000_000 }],
    ownFunds: 2_000_000,
    relatives: 1_000_000,
    relativesTerms: '父から。毎月20,000円、50回で返済',
    jfc: 5_000_000,
  },
  outlook: {
    // 客単価1,000円 × 58人 × 26日 = 1,508,000円; once established 77人.
    start: { sales: 1_508_000, costOfSales: 452_400, labour: 300_000, rent: 200_000, interest: 10_000, otherExpenses: 250_000, depreciation: 60_000, loanRepayment: 60_000 },
    stable: { sales: 2_002_000, costOfSales: 600_600, labour: 450_000, rent: 200_000, interest: 9_000, otherExpenses: 280_000, depreciation: 60_000, loanRepayment: 60_000 },
    stableFrom: '2027-10',
    basis: '売上高＝客単価1,000円×客数（当初58人、半年後77人）×26日。原価率30%（前職の実績）。人件費はパート2名。家賃は15坪で月20万円（契約予定）。',
  },
});
const clone = <T>(x: T): T => structuredClone(x);
const kinds = (fs: PlanFinding[]) => fs.map((f) => `${f.section}.${f.field}:${f.kind}`);

describe('the contract', () => {
  it('takes the whole cafe plan and a draft of any part of it', () => {
    expect(PlanDraftBody.parse({ plan: cafe(), baseVersion: 3 }).plan).toEqual(cafe());
    expect(PlanDraftBody.parse({ plan: {}, baseVersion: 0 }).plan).toEqual({});
    expect(PlanDraftBody.parse({ plan: { funding: { equipment: [{ name: '内装' }] } }, baseVersion: 1 }).plan.funding?.equipment?.[0]).toEqual({ name: '内装' });
  });

  it.each<[string, unknown]>([
    ['a profit typed by the founder (the domain computes it)', { outlook: { start: { sales: 1_000_000, profit: 300_000 } } }],
    ['negative yen', { funding: { ownFunds: -1 } }],
    ['fractional yen', { funding: { jfc: 1_000_000.5 } }],
    ['more than 10^11 yen', { funding: { jfc: 100_000_000_001 } }],
    ['yen as a string', { funding: { jfc: '5000000' } }],
    ['a motive beyond 800 characters', { motive: { text: 'あ'.repeat(801) } }],
    ['a control character', { motive: { text: 'a\u0007b' } }],
    ['a share above 100 %', { products: { items: [{ name: '豆', sharePercent: 101 }] } }],
    ['an unknown section', { marketing: {} }],
    ['an unknown field', { staff: { employees: 1, managers: 1 } }],
    ['a month that does not exist', { outlook: { stableFrom: '2027-13' } }],
    ['a loan purpose not on the form', { borrowings: { loans: [{ purpose: 'holiday' }] } }],
    ['16 equipment rows', { funding: { equipment: Array.from({ length: 16 }, () => ({ name: 'x' })) } }],
    ['a fractional head count', { staff: { employees: 1.5 } }],
  ])('refuses %s', (_, plan) => {
    expect(PlanDraftBody.safeParse({ plan, baseVersion: 1 }).success).toBe(false);
  });

  it('needs the version a save is based on', () => {
    expect(PlanDraftBody.safeParse({ plan: {} }).success).toBe(false);
    expect(PlanDraftBody.safeParse({ plan: {}, baseVersion: -1 }).success).toBe(false);
  });

  it('fits the largest plan the limits allow in the body limit', () => {
    const t = (n: number) => 'あ'.repeat(n);
    const yen = 99_999_999_999;
    const partner = { name: t(80), location: t(80), sharePercent: 100, creditPercent: 100, terms: t(60) };
    const column = { sales: yen, costOfSales: yen, labour: yen, rent: yen, interest: yen, otherExpenses: yen, depreciation: yen, loanRepayment: yen };
    const biggest: BusinessPlan = {
      motive: { industry: t(80), plannedStart: '2027-04', text: t(800) },
      career: {
        entries: Array.from({ length: PLAN_LIMITS.careerEntries }, () => ({ period: t(40), description: t(400) })),
        pastBusiness: 'closed', pastBusinessNote: t(200), qualifications: t(200), intellectualProperty: 'registered', intellectualPropertyNote: t(200),
      },
      products: {
        items: Array.from({ length: PLAN_LIMITS.productItems }, () => ({ name: t(80), price: t(40), sharePercent: 100 })),
        sellingPoints: t(400), targetAndStrategy: t(400), competition: t(400),
      },
      partners: {
        customers: Array(5).fill(partner), suppliers: Array(5).fill(partner), subcontractors: Array(5).fill(partner),
        payroll: { closingDay: t(20), payDay: t(20), bonusMonths: t(40) },
      },
      staff: { officers: 10_000, employees: 10_000, family: 10_000, partTime: 10_000 },
      borrowings: { loans: Array.from({ length: PLAN_LIMITS.loans }, () => ({ lender: t(80), purpose: 'education' as const, balance: yen, annualRepayment: yen })) },
      funding: {
        equipment: Array.from({ length: PLAN_LIMITS.equipmentItems }, () => ({ name: t(80), supplier: t(80), amount: yen })),
        operating: Array.from({ length: PLAN_LIMITS.operatingItems }, () => ({ name: t(80), amount: yen })),
        ownFunds: yen, relatives: yen, relativesTerms: t(200), jfc: yen, otherInstitutions: yen, otherInstitutionsTerms: t(200), other: yen, otherNote: t(200),
      },
      outlook: { start: column, stable: column, stableFrom: '2027-10', basis: t(800) },
    };
    const body = { plan: biggest, baseVersion: 999_999 };
    expect(PlanDraftBody.safeParse(body).success).toBe(true);
    const bytes = new TextEncoder().encode(JSON.stringify(body)).length;
    expect(bytes).toBeGreaterThan(50_000);
    expect(bytes).toBeLessThanOrEqual(PLAN_LIMITS.bodyBytes);
    // Findings on the biggest plan still conform to the view's schema (sums beyond 10^11 are fine in figures).
    expect(() => PlanView.parse({ plan: biggest, version: 1, updatedAt: null, status: 'draft', review: null, checks: explainFindings(checkPlan(biggest)), figures: computeFigures(biggest), newComments: 0 })).not.toThrow();
  });

  it('comments: a section, the version read, 1–2,000 characters, optionally a reply', () => {
    expect(CommentBody.parse({ section: 'funding', version: 4, text: '  運転資金の内訳を教えてください。 ' }).text).toBe('運転資金の内訳を教えてください。');
    expect(CommentBody.safeParse({ section: 'funding', version: 4, text: 'x', replyTo: 'c_0123456789' }).success).toBe(true);
    expect(CommentBody.safeParse({ section: 'funding', version: 4, text: 'x'.repeat(2001) }).success).toBe(false);
    expect(CommentBody.safeParse({ section: 'funding', version: 4, text: '   ' }).success).toBe(false);
    expect(CommentBody.safeParse({ section: 'money', version: 4, text: 'x' }).success).toBe(false);
    expect(CommentBody.safeParse({ section: 'funding', version: 0, text: 'x' }).success).toBe(false);
    expect(CommentBody.safeParse({ section: 'funding', text: 'x' }).success).toBe(false);
  });

  it('reviews: reviewed or needs work, of a version, with an optional note', () => {
    expect(ReviewBody.safeParse({ status: 'needs_work', version: 5, note: '自己資金の根拠（通帳）を用意しましょう。' }).success).toBe(true);
    expect(ReviewBody.safeParse({ status: 'reviewed', version: 5 }).success).toBe(true);
    expect(ReviewBody.safeParse({ status: 'draft', version: 5 }).success).toBe(false);
    expect(ReviewBody.safeParse({ status: 'submitted', version: 5 }).success).toBe(false);
    expect(ReviewBody.safeParse({ status: 'reviewed', version: 5, note: 'x'.repeat(2001) }).success).toBe(false);
  });

  it.each<[string, unknown, boolean]>([
    ['a PDF quote', { fileName: '見積書_内装.pdf', contentType: 'application/pdf', size: 245_000 }, true],
    ['an Excel plan', { fileName: 'shikin-keikaku.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 52_000 }, true],
    ['a Word file', { fileName: 'motive.DOCX', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', size: 30_000 }, true],
    ['a JPEG photo (.jpeg)', { fileName: 'tenpo.jpeg', contentType: 'image/jpeg', size: 3_000_000 }, true],
    ['exactly 10 MB', { fileName: 'floor.png', contentType: 'image/png', size: ATTACHMENT_MAX_BYTES }, true],
    ['a WebP image', { fileName: 'menu.webp', contentType: 'image/webp', size: 80_000 }, true],
    ['one byte over 10 MB', { fileName: 'floor.png', contentType: 'image/png', size: ATTACHMENT_MAX_BYTES + 1 }, false],
    ['an empty file', { fileName: 'a.pdf', contentType: 'application/pdf', size: 0 }, false],
    ['a GIF', { fileName: 'logo.gif', contentType: 'image/gif', size: 1000 }, false],
    ['an old .xls', { fileName: 'plan.xls', contentType: 'application/vnd.ms-excel', size: 1000 }, false],
    ['a name that does not match its type', { fileName: 'quote.pdf', contentType: 'image/png', size: 1000 }, false],
    ['a name without an extension', { fileName: 'quote', contentType: 'application/pdf', size: 1000 }, false],
    ['a path in the name', { fileName: '../../etc/quote.pdf', contentType: 'application/pdf', size: 1000 }, false],
    ['a fractional size', { fileName: 'a.pdf', contentType: 'application/pdf', size: 10.5 }, false],
  ])('upload request: %s', (_, body, ok) => {
    expect(UploadRequest.safeParse(body).success).toBe(ok);
  });

  it('upload ticket and the plain constants the page uses without zod', () => {
    expect(UploadTicket.safeParse({
      url: 'https://uploads.example/bucket', fields: { key: 'incoming/271004/u_founder01/abcdefghijklmnop', 'Content-Type': 'application/pdf', Policy: 'e30=' },
      key: 'incoming/271004/u_founder01/abcdefghijklmnop', expiresAt: '2026-12-01T10:05:00Z', maxBytes: ATTACHMENT_MAX_BYTES,
    }).success).toBe(true);
    expect(UploadTicket.safeParse({ url: 'u', fields: {}, key: '../other/x', expiresAt: 'x', maxBytes: 1 }).success).toBe(false);
    expect(ATTACHMENT_MAX_BYTES).toBe(10_485_760);
    expect(ATTACHMENT_ACCEPT).toContain('application/pdf');
    expect(ATTACHMENT_ACCEPT).toContain('.jpeg');
    expect(attachmentTypeOf('写真.JPG')).toBe('image/jpeg');
    expect(attachmentTypeOf('x.heic')).toBeNull();
  });

  it('every field the domain can name has a label in both languages', () => {
    for (const [key, label] of Object.entries(PLAN_FIELD_LABELS)) {
      expect(PLAN_SECTIONS).toContain(key.split('.')[0]);
      expect(label.ja.length * label.en.length).toBeGreaterThan(0);
    }
  });
});

describe('必要な資金と調達方法: uses against sources', () => {
  it('the complete cafe plan is clean: totals agree, nothing missing', () => {
    expect(checkPlan(cafe())).toEqual([]);
    expect(computeFunding(cafe())).toEqual({ equipment: 5_000_000, operating: 3_000_000, uses: 8_000_000, sources: 8_000_000, difference: 0, ownFundsShare: 0.25 });
  });

  it('flags the imbalance when the 公庫 loan is 500,000円 short, and the fix makes it disappear', () => {
    const short = clone(cafe());
    short.funding!.jfc = 4_500_000;
    expect(checkPlan(short)).toEqual([
      { section: 'funding', field: 'total', kind: 'funds_unbalanced', severity: 'error', params: { uses: 8_000_000, sources: 7_500_000, difference: 500_000 } },
    ]);
    short.funding!.jfc = 5_000_000;
    expect(checkPlan(short)).toEqual([]);
  });

  it.each<[string, Partial<NonNullable<BusinessPlan['funding']>>, number]>([
    ['sources above uses', { other: 300_000 }, -300_000],
    ['a working-capital row forgotten in the sources', { operating: [{ name: '仕入れ', amount: 3_000_000 }, { name: '広告', amount: 200_000 }] }, 200_000],
    ['an equipment row without an amount yet (counts as 0, so the sources exceed the uses)', { equipment: [{ name: '店舗内装工事', supplier: '○○内装', amount: 3_000_000 }, { name: '厨房機器', supplier: '○○厨房' }] }, -2_000_000],
  ])('imbalance: %s', (_, change, difference) => {
    const plan = clone(cafe());
    Object.assign(plan.funding!, change);
    const f = checkPlan(plan).find((x) => x.kind === 'funds_unbalanced');
    expect(f?.params.difference).toBe(difference);
  });

  it.each<[number, boolean, number | undefined]>([
    [700_000, true, 8.8],
    [799_999, true, 10],
    [800_000, false, undefined],
    [0, true, 0],
  ])('own funds of %i of 8,000,000円 needed: hint %s', (own, hinted, percent) => {
    const plan = clone(cafe());
    plan.funding!.ownFunds = own;
    plan.funding!.jfc = 8_000_000 - own - 1_000_000;
    const found = checkPlan(plan).filter((x) => x.kind === 'own_funds_low');
    expect(found.length).toBe(hinted ? 1 : 0);
    if (hinted) expect(found[0]).toMatchObject({ field: 'ownFunds', severity: 'warning', params: { ownFunds: own, uses: 8_000_000, percent, hintPercent: 10 } });
  });

  it('asks for the quote of equipment and the repayment terms of loans from family or other lenders', () => {
    const plan = clone(cafe());
    plan.funding!.equipment![1]!.supplier = '  ';
    plan.funding!.relativesTerms = '';
    plan.funding!.otherInstitutions = 500_000;
    plan.funding!.jfc = 4_500_000;
    expect(kinds(checkPlan(plan))).toEqual([
      'funding.equipment.1.supplier:quote_missing', 'funding.relativesTerms:loan_terms_missing', 'funding.otherInstitutionsTerms:loan_terms_missing',
    ]);
  });
});

describe('事業の見通し: the domain does the arithmetic', () => {
  it.each<[string, NonNullable<NonNullable<BusinessPlan['outlook']>['start']>, { grossProfit: number; expenses: number; profit: number; repaymentCapacity: number }]>([
    ['the cafe at the start', { sales: 1_508_000, costOfSales: 452_400, labour: 300_000, rent: 200_000, interest: 10_000, otherExpenses: 250_000, depreciation: 60_000 },
      { grossProfit: 1_055_600, expenses: 760_000, profit: 295_600, repaymentCapacity: 355_600 }],
    ['the cafe once established', { sales: 2_002_000, costOfSales: 600_600, labour: 450_000, rent: 200_000, interest: 9_000, otherExpenses: 280_000, depreciation: 60_000 },
      { grossProfit: 1_401_400, expenses: 939_000, profit: 462_400, repaymentCapacity: 522_400 }],
    ['a loss-making first month', { sales: 900_000, costOfSales: 270_000, labour: 300_000, rent: 200_000, interest: 10_000, otherExpenses: 150_000, depreciation: 60_000 },
      { grossProfit: 630_000, expenses: 660_000, profit: -30_000, repaymentCapacity: 30_000 }],
    ['only sales typed so far', { sales: 500_000 }, { grossProfit: 500_000, expenses: 0, profit: 500_000, repaymentCapacity: 500_000 }],
  ])('%s', (_, column, expected) => {
    expect(computeOutlook({ outlook: { start: column } }).start).toMatchObject(expected);
  });

  it('adds back no more depreciation than the other expenses hold', () => {
    const c = computeOutlook({ outlook: { start: { sales: 900_000, costOfSales: 270_000, otherExpenses: 100_000, depreciation: 900_000, loanRepayment: 800_000 } } }).start!;
    expect(c).toMatchObject({ profit: 530_000, repaymentCapacity: 630_000 });
    const found = checkPlan({ outlook: { start: { sales: 900_000, costOfSales: 270_000, otherExpenses: 100_000, depreciation: 900_000, loanRepayment: 800_000 } } });
    expect(kinds(found).filter((k) => !k.endsWith(':required'))).toEqual(['outlook.start.depreciation:depreciation_exceeds_other', 'outlook.start.loanRepayment:repayment_exceeds_capacity']);
  });

  it('a column with nothing typed is null', () => {
    expect(computeOutlook({})).toEqual({ start: null, stable: null });
    expect(computeOutlook({ outlook: { start: {}, basis: '…' } }).start).toBeNull();
  });

  it.each<[string, number, number | undefined, boolean]>([
    // Start column: profit −30,000, depreciation 60,000 → 30,000 can repay principal.
    ['repayment 60,000 against 30,000', 60_000, 60_000, true],
    ['repayment equal to profit plus depreciation', 30_000, 60_000, false],
    ['profit alone would not cover it, depreciation added back does', 20_000, 60_000, false],
    ['the same repayment without depreciation', 20_000, 0, true],
    ['no repayment in the grace period', 0, 60_000, false],
  ])('repayment check: %s', (_, loanRepayment, depreciation, warned) => {
    const plan = clone(cafe());
    plan.outlook!.start = { sales: 900_000, costOfSales: 270_000, labour: 300_000, rent: 200_000, interest: 10_000, otherExpenses: 150_000, depreciation, loanRepayment };
    const found = checkPlan(plan).filter((x) => x.kind === 'repayment_exceeds_capacity');
    expect(found.length).toBe(warned ? 1 : 0);
    if (warned) expect(found[0]).toMatchObject({ section: 'outlook', field: 'start.loanRepayment', severity: 'warning', params: { column: 'start', repayment: loanRepayment } });
  });

  it('flags depreciation outside the other expenses, a cost above sales, a loss once established, and a loan without a repayment', () => {
    const plan = clone(cafe());
    plan.outlook!.start!.depreciation = 300_000;
    plan.outlook!.stable = { sales: 800_000, costOfSales: 900_000, rent: 200_000, depreciation: 0 };
    const found = checkPlan(plan);
    expect(kinds(found)).toEqual([
      'outlook.start.depreciation:depreciation_exceeds_other',
      'outlook.stable.costOfSales:cost_exceeds_sales',
      'outlook.stable.sales:loss_when_stable',
      'outlook.stable.loanRepayment:repayment_missing',
    ]);
    expect(found[0]!.severity).toBe('error');
    expect(found[2]!.params).toEqual({ profit: -300_000 });
    expect(found[3]!.params).toEqual({ borrowed: 5_000_000 });
  });
});

describe('required fields of a started section', () => {
  it('an untouched plan, or untouched sections, have nothing to say', () => {
    expect(checkPlan({})).toEqual([]);
    expect(checkPlan({ motive: {}, career: { entries: [] }, products: { items: [{}] } })).toEqual([]);
  });

  it.each<[string, BusinessPlan, string[]]>([
    ['a motive with only the line of business', { motive: { industry: '喫茶店' } }, ['motive.text:required']],
    ['a career row with only a period', { career: { entries: [{ period: '2019年4月〜' }, {}], pastBusiness: 'none' } }, ['career.entries.0.description:required']],
    ['a products section with only selling points', { products: { sellingPoints: '朝7時から開店' } }, ['products.items:required', 'products.targetAndStrategy:required']],
    ['a supplier row without a name', { partners: { customers: [{ name: '一般個人客' }], suppliers: [{ terms: '末日締 翌月末払' }] } }, ['partners.suppliers.0.name:required']],
    ['staff with only part-timers', { staff: { partTime: 2 } }, ['staff.employees:required', 'staff.partTime:staff_breakdown_exceeds']],
    ['a loan with only a lender', { borrowings: { loans: [{ lender: '○○銀行' }] } }, ['borrowings.loans.0.purpose:required', 'borrowings.loans.0.balance:required', 'borrowings.loans.0.annualRepayment:required']],
    ['funding with only an equipment amount', { funding: { equipment: [{ amount: 3_000_000 }] } },
      ['funding.equipment.0.name:required', 'funding.ownFunds:required', 'funding.total:funds_unbalanced', 'funding.equipment.0.supplier:quote_missing']],
    ['an outlook with only the start sales', { outlook: { start: { sales: 1_500_000 } } }, ['outlook.stable.sales:required', 'outlook.stableFrom:required', 'outlook.basis:required']],
    ['zero employees is an answer, not a gap', { staff: { employees: 0 } }, []],
    ['shares above 100 %', { products: { items: [{ name: 'a', sharePercent: 70 }, { name: 'b', sharePercent: 40 }], sellingPoints: 'x', targetAndStrategy: 'y' } }, ['products.items:shares_over_100']],
  ])('%s', (_, plan, expected) => {
    expect(kinds(checkPlan(plan))).toEqual(expected);
  });

  it('never throws, whatever a stored draft holds', () => {
    const junk: unknown[] = [
      null, undefined, 'plan', 42, [], { funding: null }, { funding: { equipment: 'many', ownFunds: 'lots' } },
      { outlook: { start: { sales: 'abc', costOfSales: Number.NaN }, stable: [1, 2] } }, { career: { entries: [null, 3, { period: 7 }] } },
      { staff: { employees: -5, family: Infinity } }, { products: { items: [{ sharePercent: '200' }] } },
    ];
    for (const plan of junk) {
      expect(() => checkPlan(plan as BusinessPlan)).not.toThrow();
      expect(() => computeFigures(plan as BusinessPlan)).not.toThrow();
      for (const f of checkPlan(plan as BusinessPlan)) expect(() => describeFinding(f, 'ja')).not.toThrow();
    }
  });
});

describe('describeFinding: one sentence a founder can act on', () => {
  it('the imbalance, with yen written the way each language writes it', () => {
    const short = clone(cafe());
    short.funding!.jfc = 4_500_000;
    const [f] = checkPlan(short);
    expect(describeFinding(f!, 'ja')).toBe('必要な資金の合計8,000,000円に対して調達の合計が7,500,000円で500,000円足りないので、調達を増やすか必要な資金を見直して、両方の合計を一致させてください。');
    expect(describeFinding(f!, 'en')).toBe('The funds needed total ¥8,000,000 but the sources total ¥7,500,000, ¥500,000 short: raise more or trim what you need until both totals match.');
  });

  it('repayment against profit plus depreciation names the column and both amounts', () => {
    const f: PlanFinding = { section: 'outlook', field: 'start.loanRepayment', kind: 'repayment_exceeds_capacity', severity: 'warning', params: { column: 'start', repayment: 60_000, capacity: 30_000, profit: -30_000, depreciation: 60_000 } };
    expect(describeFinding(f, 'ja')).toBe('創業当初の借入金の月返済額60,000円が、返済に回せるお金（利益＋減価償却費）30,000円を上回るので、売上や経費の見込みを見直すか、返済期間や据置期間を相談してください。');
    expect(describeFinding(f, 'en')).toContain('at the start (¥60,000)');
    expect(describeFinding(f, 'en')).toContain('profit plus depreciation, ¥30,000');
  });

  it('a required field names its label, its row and its column', () => {
    expect(describeFinding({ section: 'funding', field: 'equipment.1.amount', kind: 'required', severity: 'error', params: {} }, 'ja')).toBe('「設備資金の金額」（2行目）を記入してください。');
    expect(describeFinding({ section: 'outlook', field: 'stable.sales', kind: 'required', severity: 'error', params: {} }, 'ja')).toBe('軌道に乗った後の「売上高」を記入してください。');
    expect(describeFinding({ section: 'outlook', field: 'stable.sales', kind: 'required', severity: 'error', params: {} }, 'en')).toBe('Fill in “Sales” once established.');
    expect(describeFinding({ section: 'staff', field: 'partTime', kind: 'staff_breakdown_exceeds', severity: 'error', params: { count: 3, employees: 2 } }, 'en'))
      .toBe('Part-time employees (3) are more than the employee count (2): family members and part-timers are counted among the employees, so correct the numbers.');
    expect(fieldLabel('career', 'entries.0.description', 'en')).toEqual({ label: 'What you did (employer, work, position, skills)', row: 1, column: null });
  });

  it('every kind of finding reads as one sentence in each language, with no gaps in it', () => {
    const plan = clone(cafe());
    plan.funding = { equipment: [{ name: '厨房機器', amount: 2_000_000 }], operating: [{ name: '仕入れ', amount: 1_000_000 }], ownFunds: 100_000, relatives: 500_000, otherInstitutions: 2_000_000 };
    plan.products!.items![0]!.sharePercent = 90;
    plan.partners!.customers = [{ name: 'a', sharePercent: 80 }, { name: 'b', sharePercent: 30 }];
    plan.staff = { employees: 1, family: 2 };
    plan.outlook!.start!.depreciation = 900_000;
    plan.outlook!.stable = { sales: 800_000, costOfSales: 900_000, loanRepayment: 100_000 };
    const found = checkPlan(plan);
    const seen = new Set(found.map((f) => f.kind));
    found.push({ section: 'motive', field: 'text', kind: 'required', severity: 'error', params: {} });
    seen.add('required');
    expect([...seen].sort()).toEqual([
      'cost_exceeds_sales', 'depreciation_exceeds_other', 'funds_unbalanced', 'loan_terms_missing', 'loss_when_stable', 'own_funds_low', 'quote_missing',
      'repayment_exceeds_capacity', 'required', 'shares_over_100', 'staff_breakdown_exceeds',
    ]);
    found.push({ section: 'outlook', field: 'stable.loanRepayment', kind: 'repayment_missing', severity: 'warning', params: { borrowed: 5_000_000 } });
    for (const f of found) {
      const ja = describeFinding(f, 'ja');
      const en = describeFinding(f, 'en');
      expect(ja).toMatch(/^[^。]+。$/);
      expect(en).toMatch(/^[^.]*(\d\.\d[^.]*)?[^.]*\.$/);
      for (const s of [ja, en]) expect(s).not.toMatch(/undefined|NaN|null|「」|“”/);
    }
  });

  it.each<[number, string, string]>([
    [1_200_000, '1,200,000円', '¥1,200,000'],
    [0, '0円', '¥0'],
    [999, '999円', '¥999'],
    [-300_000, '−300,000円', '−¥300,000'],
    [100_000_000_000, '100,000,000,000円', '¥100,000,000,000'],
  ])('formatYen(%i)', (n, ja, en) => {
    expect(formatYen(n, 'ja')).toBe(ja);
    expect(formatYen(n, 'en')).toBe(en);
  });
});

describe('versions, comments, review and files', () => {
  it('diffPlans lists the sections a version changed, in the form order', () => {
    const a = cafe();
    expect(diffPlans(a, clone(a))).toEqual([]);
    const b = clone(a);
    b.funding!.jfc = 4_500_000;
    b.motive!.text += '。';
    expect(diffPlans(a, b)).toEqual(['motive', 'funding']);
    expect(diffPlans({}, { staff: { employees: 0 } })).toEqual(['staff']);
    expect(diffPlans({ outlook: { start: { sales: 1 } } }, { outlook: { start: { sales: 2 } } })).toEqual(['outlook']);
    // Reordered rows are a change (the printed form follows the order).
    const c = clone(a);
    c.funding!.equipment!.reverse();
    expect(diffPlans(a, c)).toEqual(['funding']);
  });

  it('diffPlans sees no change in what was never typed: a blank row, a cleared field, key order', () => {
    const a = cafe();
    const b = clone(a);
    b.career!.entries!.push({});
    b.career!.entries!.splice(1, 0, { period: '', description: '' });
    b.motive = { text: a.motive!.text!, plannedStart: a.motive!.plannedStart!, industry: a.motive!.industry!, };
    b.products!.competition = a.products!.competition;
    expect(diffPlans(a, b)).toEqual([]);
    expect(diffPlans({ motive: { industry: '' } }, {})).toEqual([]);
    expect(diffPlans({ borrowings: { loans: [] } }, { borrowings: {} })).toEqual([]);
  });

  it('status: saving reopens a draft, only a draft or a plan needing work can be submitted, a submission needs no errors', () => {
    expect(statusAfter('reviewed', 'save')).toBe('draft');
    expect(statusAfter('draft', 'submit')).toBe('submitted');
    expect(statusAfter('needs_work', 'submit')).toBe('submitted');
    expect(statusAfter('submitted', 'submit')).toBeNull();
    expect(statusAfter('reviewed', 'submit')).toBeNull();
    expect(statusAfter('submitted', 'needs_work')).toBe('needs_work');
    const short = clone(cafe());
    short.funding!.jfc = 4_500_000;
    expect(readyToSubmit(checkPlan(short))).toBe(false);
    short.funding!.ownFunds = 700_000;
    short.funding!.jfc = 6_300_000;
    expect(readyToSubmit(checkPlan(short))).toBe(true); // the self-funds hint alone does not block
  });

  it('comments thread one level deep per section, oldest first', () => {
    const c = (id: string, o: Partial<CommentView>): CommentView => CommentView.parse({
      id, section: 'funding', version: 3, text: 't', replyTo: null, authorRole: 'advisor', authorName: '経営指導員 山本', createdAt: '2026-12-01T01:00:00Z', ...o,
    });
    const top = c('c_first000', {});
    const reply = c('c_reply000', { replyTo: 'c_first000', authorRole: 'learner', authorName: '北村', createdAt: '2026-12-01T02:00:00Z', version: 4 });
    const later = c('c_second00', { createdAt: '2026-12-01T03:00:00Z' });
    const other = c('c_other000', { section: 'outlook' });
    expect(threadComments([later, reply, other, top])).toEqual({
      funding: [{ comment: top, replies: [reply] }, { comment: later, replies: [] }],
      outlook: [{ comment: other, replies: [] }],
    });
    expect(replyAllowed(top, { section: 'funding', version: 4 })).toBe(true);
    expect(replyAllowed(reply, { section: 'funding', version: 4 })).toBe(false);
    expect(replyAllowed(top, { section: 'outlook', version: 4 })).toBe(false);
    expect(replyAllowed(top, { section: 'funding', version: 2 })).toBe(false);
    expect(replyAllowed(null, { section: 'funding', version: 4 })).toBe(false);
  });

  it.each<[string, Parameters<typeof matchesFileSignature>[0], number[], boolean]>([
    ['a PDF', 'application/pdf', [...'%PDF-1.7'].map((x) => x.charCodeAt(0)), true],
    ['a PNG', 'image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0], true],
    ['a JPEG', 'image/jpeg', [0xff, 0xd8, 0xff, 0xe0], true],
    ['a WebP', 'image/webp', [...'RIFF\u0000\u0000\u0000\u0000WEBPVP8 '].map((x) => x.charCodeAt(0)), true],
    ['an XLSX (a ZIP)', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', [0x50, 0x4b, 0x03, 0x04, 0x14], true],
    ['an HTML page sent as a PDF', 'application/pdf', [...'<html>'].map((x) => x.charCodeAt(0)), false],
    ['a PNG sent as a JPEG', 'image/jpeg', [0x89, 0x50, 0x4e, 0x47], false],
    ['a RIFF that is a WAV', 'image/webp', [...'RIFF\u0000\u0000\u0000\u0000WAVE'].map((x) => x.charCodeAt(0)), false],
    ['an empty object', 'application/pdf', [], false],
  ])('file signature: %s', (_, type, bytes, ok) => {
    expect(matchesFileSignature(type, new Uint8Array(bytes))).toBe(ok);
  });

  it('the view of a plan carries the findings and figures the page shows beside the fields', () => {
    const plan = clone(cafe());
    plan.funding!.jfc = 4_500_000;
    const view = PlanView.parse({
      plan, version: 7, updatedAt: '2026-12-01T10:00:00Z', status: 'needs_work',
      review: { status: 'needs_work', version: 6, note: '合計が一致していません', at: '2026-12-01T09:00:00Z' },
      checks: explainFindings(checkPlan(plan)), figures: computeFigures(plan), newComments: 2,
    });
    expect(view.checks[0]!.message.ja).toContain('500,000円足りない');
    expect(view.checks[0]!.message.en).toContain('¥500,000 short');
    expect(PlanView.safeParse({ ...view, checks: checkPlan(plan) }).success).toBe(false); // a finding without its sentences
    expect(view.figures.funding.difference).toBe(500_000);
    expect(view.figures.outlook.stable?.profit).toBe(462_400);
    expect(PlanView.safeParse({ ...view, checks: [{ ...view.checks[0], kind: 'typo' }] }).success).toBe(false);
  });
});
