import type { Prng } from './prng.js';

const words = (text: string): string[] => text.split(' ');

/** Common surnames, most frequent first (the draw favours the head of the list). */
const SURNAMES = words(
  '王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 林 高 罗 郑 梁 谢 宋 唐 许 邓 韩 冯 曹 彭 曾 肖 田 董 潘 袁 蔡 蒋 余 于 杜 叶 程 魏 苏 吕 丁 任 卢 姚 沈 钟 姜 崔 谭 陆 范 汪 廖 石 金 韦 贾 夏 付 方 邹 熊 白 孟 秦 邱 侯 江 尹 薛 闫 段 雷 龙 黎 史 陶 贺 毛 郝 顾 龚 邵 欧阳 司马 诸葛',
);

/** Characters of given names common among people born 1940–1990. */
const MALE = words(
  '伟 强 军 勇 建 国 明 华 平 刚 文 斌 志 海 林 忠 德 福 金 荣 宝 生 永 春 庆 祥 兴 发 成 峰 东 新 洪 光 辉 杰 涛 波 民 才 贵 良 山 武 根',
);

const FEMALE = words(
  '芳 秀 英 兰 珍 华 玉 梅 丽 敏 静 霞 红 凤 琴 云 莲 桂 娟 燕 萍 艳 琳 淑 慧 月 香 翠 彩 春 玲 洁 婷 美 荣 珠 爱 素 菊 丹 雪 娇 娥 花 巧',
);

/** A plausible full name: a surname (skewed to the common ones) and one or two given characters. */
export function chineseName(prng: Prng, sex: 'male' | 'female'): string {
  const surname = SURNAMES[Math.floor(prng.next() ** 1.8 * SURNAMES.length)]!;
  const chars = sex === 'male' ? MALE : FEMALE;
  const first = prng.pick(chars);
  if (prng.chance(0.3)) return surname + first;
  let second = prng.pick(chars);
  while (second === first && prng.chance(0.8)) second = prng.pick(chars);
  return surname + first + second;
}
