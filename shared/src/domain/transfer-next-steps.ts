import type { LeagueSystem } from '../enums';
import { todayInChina } from './dates';

const DAY_MS = 24 * 3600 * 1000;

/** What the member must do in the destination system after a cross-system transfer [003]. */
export interface TransferNextSteps {
  system: Exclude<LeagueSystem, 'guangdong'>;
  /** One line: where and by when, e.g. '请于10天内（2026-05-11前）在福建“智慧团建”系统报到'. */
  headline: string;
  /** Days from the application the member has; null when nothing is due from the member. */
  days: number | null;
  /** 'YYYY-MM-DD' (China) by which to act; null when nothing is due. */
  dueDate: string | null;
  /** The destination's steps, as 003 gives them. */
  steps: string[];
}

/**
 * [003 二6] "从广东转到福建的团员，在“广东共青团”上成功发起转接申请后，需要十天内在福建系统上报道";
 * [003 三6] "从广东转到北京的团员，须在9日内完成北京共青团线上系统的注册登录，并在系统中通过组织审核";
 * [003 一5] to the central system nothing is due from the member: "团中央“智慧团建”系统将在十天内将
 * 转接成功的结果反馈到广东系统".
 */
export function transferNextSteps(system: LeagueSystem, appliedAt: Date): TransferNextSteps | null {
  const due = (days: number) => todayInChina(new Date(appliedAt.getTime() + days * DAY_MS));
  switch (system) {
    case 'fujian':
      return {
        system,
        days: 10,
        dueDate: due(10),
        headline: `请于10天内（${due(10)}前）在福建“智慧团建”系统报到`,
        steps: [
          '微信搜索关注“福建共青团”公众号，点击菜单栏“智慧团建”，进入智慧团建微官网平台',
          '在首页点击“团员报到”，用微信一键登录或短信验证码登录（没有账号的可直接注册）',
          '填写团员报到资料（带红色*的为必填），所在的团组织须选到团支部，不能直接选团委或团总支',
          '提交后联系团支部、团委依次审核；审核通过即报到成功，福建系统将在十天内将结果反馈广东系统',
        ],
      };
    case 'beijing':
      return {
        system,
        days: 9,
        dueDate: due(9),
        headline: `请于9日内（${due(9)}前）完成北京共青团线上系统的注册登录，并通过组织审核`,
        steps: [
          '关注北京共青团官方微信公众号“青春北京”，点击菜单“线上系统”中的“北京共青团系统”',
          '点击“创建账户”进行注册，身份选择“我是团员”，输入真实准确的姓名和身份证号',
          '注册后联系所申请的团组织在电脑端审核报到信息，审核通过即成为组织的正式成员',
          '报到成功后，北京系统将在十天内将转接成功的结果反馈广东系统',
        ],
      };
    case 'central':
      return {
        system,
        days: null,
        dueDate: null,
        headline: '转出团支部的上级审核通过后，由转入团组织在团中央“智慧团建”系统中审核',
        steps: [
          '已在团中央“智慧团建”系统录入信息的团员，审核通过后转接自动完成',
          '未录入的，由申请转入的团组织在团中央“智慧团建”系统中审核，可联系转入团组织咨询进度',
          '团中央“智慧团建”系统将在十天内将转接成功的结果反馈广东系统',
        ],
      };
    default:
      return null;
  }
}
