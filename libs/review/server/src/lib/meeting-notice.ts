import { Table, TableRow, WidthType } from 'docx';
import { formatZhDate, isValidDate } from '@hutong/platform-model';
import { parseTime, reviewError, type Agenda, type AgendaInput } from '@hutong/review-model';
import { DASH, blank, body, cell, heading, officialDocx, plain, signature, title } from '@hutong/platform-server/docx';

/** What the 文审会 meeting notice (会议通知) says. */
export interface MeetingNoticeInput {
  /** the cycle's name, in the title: 关于召开{cycleName}专家文审会的通知 */
  cycleName: string;
  /** the session as the body names it, e.g. 第一批专家文审会 */
  sessionTitle: string;
  /** the session's Asia/Shanghai date, yyyy-MM-dd (the agenda's date) */
  date: string;
  /** 线上会议 (location is the meeting link) or 会场 (location is the address) */
  mode: 'online' | 'venue';
  location: string;
  /** 专家组组长 */
  chair: string;
  /** 专家组成员, in the order the notice lists them */
  panel: string[];
  /** the timetable buildAgenda made: the applicants in order, with its breaks */
  agenda: Agenda;
  /** the minutes the agenda was built with: the requirements cite them */
  slotMinutes: AgendaInput['slotMinutes'];
  /** 发文机关 */
  issuer: string;
  /** 成文日期, yyyy-MM-dd */
  issuedOn: string;
}

const span = (from: string, to: string): string => (from === to ? DASH : `${from}${DASH}${to}`);

/** 序号 / 申请机构 / 汇报时间 / 质询时间: the applicants in the agenda's order, each break as a 休息 row after its slot. */
function agendaTable(agenda: Agenda): Table {
  const rows = [
    new TableRow({
      tableHeader: true,
      children: ['序号', '申请机构', '汇报时间', '质询时间'].map((t) => cell(t, { bold: true })),
    }),
  ];
  const breaks = new Map(agenda.breaks.map((b) => [b.start, b]));
  agenda.slots.forEach((s, i) => {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(String(i + 1)),
          cell(s.name),
          cell(span(s.start, s.presentEnd)),
          cell(span(s.presentEnd, s.end)),
        ],
      }),
    );
    const pause = breaks.get(s.end);
    if (pause)
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [cell(''), cell('休息'), cell(span(pause.start, pause.end), { columnSpan: 2 })],
        }),
      );
  });
  // 156 mm of text width: 序号 narrow, the applicant wide
  return new Table({
    width: { size: 8845, type: WidthType.DXA },
    columnWidths: [885, 4360, 1800, 1800],
    rows,
  });
}

/** Refuses what would make the notice contradict itself: bad dates, another day than the agenda's, other minutes. */
function check(input: MeetingNoticeInput): void {
  for (const value of [input.date, input.issuedOn])
    if (!isValidDate(value)) throw reviewError('review.notice_invalid_date', { value: String(value) });
  if (input.agenda.date !== input.date)
    throw reviewError('review.notice_date_mismatch', { date: input.date, agendaDate: input.agenda.date });
  const { present, questions } = input.slotMinutes;
  const minutes = (from: string, to: string): number => (parseTime(to) ?? 1440) - (parseTime(from) ?? 0);
  for (const s of input.agenda.slots)
    if (minutes(s.start, s.presentEnd) !== present || minutes(s.presentEnd, s.end) !== questions)
      throw reviewError('review.notice_minutes_mismatch', { name: s.name, present, questions });
}

/**
 * The 文审会 meeting notice (会议通知) as a DOCX, in the layout of a Chinese official document: the title
 * 关于召开{cycleName}专家文审会的通知, the applicants as addressees, the body (the date as 2026年12月15日), the time,
 * the online link or the venue, the chair (组长) and panel (专家组成员), the agenda table (序号 / 申请机构 / 汇报时间 /
 * 质询时间, a 休息 row for each break), the requirements (the presentation and question minutes), and the issuer and
 * date at the bottom right. Throws a coded error (`review.notice_*`, 400) when a date is not yyyy-MM-dd, when the
 * agenda is for another day, or when its slots do not last `slotMinutes`.
 */
export async function meetingNoticeDocx(input: MeetingNoticeInput): Promise<Buffer> {
  check(input);
  const { agenda, slotMinutes } = input;
  const date = formatZhDate(input.date);
  const applicants = agenda.slots.map((s) => s.name);
  const first = agenda.slots[0];
  const online = input.mode === 'online';

  const requirements = [
    slotMinutes.questions > 0
      ? `各申请机构汇报时间不超过${slotMinutes.present}分钟，专家质询时间不超过${slotMinutes.questions}分钟，请合理安排汇报内容，严格控制时间。`
      : `各申请机构汇报时间不超过${slotMinutes.present}分钟，请合理安排汇报内容，严格控制时间。`,
    online
      ? '请各申请机构于汇报开始前登录线上会议并调试音视频设备，按议程顺序汇报。'
      : '请各申请机构汇报人员于汇报开始前到达会场签到，按议程顺序汇报。',
    '专家组成员应严格执行回避制度，遵守评审纪律，不得泄露评审信息。',
  ];

  return officialDocx(`关于召开${input.cycleName}专家文审会的通知`, [
    title(`关于召开${input.cycleName}专家文审会的通知`),
    blank(),
    plain(applicants.length > 0 ? `${applicants.join('、')}：` : '各申请机构：'),
    body(`为做好${input.cycleName}工作，经研究，定于${date}召开${input.sessionTitle}。现将有关事项通知如下：`),
    heading('一、会议时间'),
    body(first ? `${date} ${first.start}${DASH}${agenda.ends}` : date),
    heading(online ? '二、会议形式' : '二、会议地点'),
    body(online ? `本次会议采用线上会议形式，会议链接：${input.location}` : `会场：${input.location}`),
    heading('三、参会人员'),
    body(`专家组组长：${input.chair}`),
    ...(input.panel.length > 0 ? [body(`专家组成员：${input.panel.join('、')}`)] : []),
    body('各申请机构汇报人员及相关工作人员。'),
    heading('四、会议议程'),
    agendaTable(agenda),
    heading('五、有关要求'),
    ...requirements.map((t, i) => body(`（${'一二三四五六七八九'[i]}）${t}`)),
    blank(),
    blank(),
    ...signature(input.issuer, input.issuedOn),
  ]);
}
