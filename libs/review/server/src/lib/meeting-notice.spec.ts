import { inflateRawSync } from 'node:zlib';
import { readZipDirectory } from '@hutong/platform-model';
import { buildAgenda, type Agenda } from '@hutong/review-model';
import { meetingNoticeDocx, type MeetingNoticeInput } from './meeting-notice';

/** One part of a DOCX (a zip), as text: read with the platform's zip directory reader and zlib. */
function part(docx: Buffer, name: string): string {
  const entry = readZipDirectory(docx)?.find((e) => e.name === name);
  if (!entry) throw new Error(`no ${name} in the DOCX`);
  const local = entry.localHeaderOffset;
  const start = local + 30 + docx.readUInt16LE(local + 26) + docx.readUInt16LE(local + 28);
  const raw = docx.subarray(start, start + entry.compressedSize);
  return (entry.method === 8 ? inflateRawSync(raw) : raw).toString('utf8');
}

/** The text of document.xml's runs, paragraph by paragraph. */
const paragraphs = (xml: string): string[] =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    [...(p[0] as string).matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''),
  );

const APPLICANTS = ['北京协和医院', '上海市第一人民医院', '广州市妇女儿童医疗中心', '成都市第三人民医院'];
const agenda: Agenda = buildAgenda({
  date: '2026-12-15',
  start: '09:00',
  slotMinutes: { present: 20, questions: 10 },
  breakAfter: 2,
  breakMinutes: 15,
  applicants: APPLICANTS.map((name, i) => ({ applicationId: `app-${i}`, name })),
});

const input = (over: Partial<MeetingNoticeInput> = {}): MeetingNoticeInput => ({
  cycleName: '2026年度医疗健康信息互联互通标准化成熟度测评',
  sessionTitle: '第一批专家文审会',
  date: '2026-12-15',
  mode: 'online',
  location: 'https://meeting.example.cn/j/123456',
  chair: '王建国',
  panel: ['李明', '张华', '刘洋'],
  agenda,
  slotMinutes: { present: 20, questions: 10 },
  issuer: '国家卫生健康委统计信息中心',
  issuedOn: '2026-12-01',
  ...over,
});

describe('meetingNoticeDocx', () => {
  let xml: string;
  let texts: string[];
  beforeAll(async () => {
    const docx = await meetingNoticeDocx(input());
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    xml = part(docx, 'word/document.xml');
    texts = paragraphs(xml);
  });

  it('has the title, the applicants as addressees and the date written the Chinese way', () => {
    expect(texts[0]).toBe('关于召开2026年度医疗健康信息互联互通标准化成熟度测评专家文审会的通知');
    expect(texts).toContain(`${APPLICANTS.join('、')}：`);
    expect(xml).toContain('2026年12月15日');
    expect(texts).toContain('2026年12月15日 09:00—11:15');
    expect(xml).not.toContain('2026-12-15');
  });

  it('says the mode, the chair and the panel', () => {
    expect(texts).toContain('本次会议采用线上会议形式，会议链接：https://meeting.example.cn/j/123456');
    expect(texts).toContain('专家组组长：王建国');
    expect(texts).toContain('专家组成员：李明、张华、刘洋');
  });

  it('lists every applicant in the agenda’s order, with the break as a 休息 row in its place', () => {
    const table = xml.slice(xml.indexOf('<w:tbl>'), xml.indexOf('</w:tbl>'));
    const rows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((r) =>
      [...(r[0] as string).matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((c) => paragraphs(c[0] as string).join('')),
    );
    expect(rows).toEqual([
      ['序号', '申请机构', '汇报时间', '质询时间'],
      ['1', '北京协和医院', '09:00—09:20', '09:20—09:30'],
      ['2', '上海市第一人民医院', '09:30—09:50', '09:50—10:00'],
      ['', '休息', '10:00—10:15'],
      ['3', '广州市妇女儿童医疗中心', '10:15—10:35', '10:35—10:45'],
      ['4', '成都市第三人民医院', '10:45—11:05', '11:05—11:15'],
    ]);
    const at = APPLICANTS.map((n) => xml.indexOf(n, xml.indexOf('<w:tbl>')));
    expect(at).toEqual([...at].sort((a, b) => a - b));
  });

  it('cites the slot minutes in the requirements, then the issuer and the date at the bottom right', () => {
    expect(texts.some((t) => t.includes('汇报时间不超过20分钟，专家质询时间不超过10分钟'))).toBe(true);
    const end = texts.filter((t) => t !== '').slice(-2);
    expect(end).toEqual(['国家卫生健康委统计信息中心', '2026年12月1日']);
    expect(xml.match(/<w:jc w:val="right"\/>/g)).toHaveLength(2);
  });

  it('sets the Chinese fonts: 方正小标宋 for the title, 黑体 for headings, 仿宋 for the body, 宋体 in the table', () => {
    for (const font of ['方正小标宋简体', '黑体', '仿宋', '宋体']) expect(xml).toContain(`w:eastAsia="${font}"`);
  });

  it('names the venue when the session meets in person, and leaves out questions of 0 minutes', async () => {
    const quick = buildAgenda({
      date: '2026-12-15',
      start: '14:00',
      slotMinutes: { present: 15, questions: 0 },
      applicants: [{ applicationId: 'a', name: '某医院' }],
    });
    const doc = part(
      await meetingNoticeDocx(
        input({
          mode: 'venue',
          location: '北京市西城区某某路1号3层会议室',
          agenda: quick,
          slotMinutes: { present: 15, questions: 0 },
          panel: [],
        }),
      ),
      'word/document.xml',
    );
    const t = paragraphs(doc);
    expect(t).toContain('会场：北京市西城区某某路1号3层会议室');
    expect(t).toContain('某医院：');
    expect(t.some((x) => x.startsWith('专家组成员'))).toBe(false);
    expect(t.some((x) => x.includes('汇报时间不超过15分钟，请合理安排'))).toBe(true);
    expect(doc).not.toContain('休息');
  });

  it('refuses a notice that contradicts its agenda or has a bad date', async () => {
    await expect(meetingNoticeDocx(input({ date: '2026-12-16' }))).rejects.toMatchObject({
      code: 'review.notice_date_mismatch',
    });
    await expect(meetingNoticeDocx(input({ slotMinutes: { present: 30, questions: 10 } }))).rejects.toMatchObject({
      code: 'review.notice_minutes_mismatch',
      params: { name: '北京协和医院', present: 30, questions: 10 },
    });
    await expect(meetingNoticeDocx(input({ issuedOn: '2026-13-01' }))).rejects.toMatchObject({
      code: 'review.notice_invalid_date',
    });
  });
});
