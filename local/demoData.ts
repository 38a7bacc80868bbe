/** Fixed demo organisations and people for the local cloud (二连浩特市). */
import type { Community, Enterprise } from '../shared/Organisation'

export const DEMO_ENTERPRISES: Enterprise[] = [
  { id: 'ent-water', code: 'GPS', name: '二连浩特市供排水有限责任公司', contactName: '刘建华', contactPhone: '0479-7521101', partyContact: { name: '党支部书记 张志强', phone: '0479-7521109' } },
  { id: 'ent-heat', code: 'RL', name: '二连浩特市热力有限责任公司', contactName: '高秀兰', contactPhone: '0479-7521202' },
  { id: 'ent-bus', code: 'GJ', name: '二连浩特市公共交通有限公司', contactName: '巴特尔', contactPhone: '0479-7521303' },
  { id: 'ent-grain', code: 'LY', name: '二连浩特市粮油购销有限公司', contactName: '周玉梅', contactPhone: '0479-7521404', hasAnnuity: true },
]

export const DEMO_COMMUNITIES: Community[] = [
  { id: 'com-wulan', code: 'WL01', name: '乌兰社区', address: '二连浩特市乌兰大街88号', serviceHours: '周一至周五 8:30-12:00，14:30-18:00', phone: '0479-7530001', location: { latitude: 43.6530, longitude: 111.9770 }, partyBranch: { name: '乌兰社区第一党支部', place: '乌兰社区党群服务中心二楼', phone: '0479-7531001' }, activityVenue: '乌兰社区老年活动中心（棋牌室、书画室、健身室）', services: ['代办养老保险资格认证', '老年人健康档案和体检', '困难帮扶和走访慰问', '文体活动和老年大学报名'] },
  { id: 'com-gerile', code: 'GRL02', name: '格日勒社区', address: '二连浩特市格日勒街16号', serviceHours: '周一至周五 8:30-12:00，14:30-18:00', phone: '0479-7530002', location: { latitude: 43.6485, longitude: 111.9702 }, partyBranch: { name: '格日勒社区第一党支部', place: '格日勒社区党群服务中心二楼', phone: '0479-7531002' }, activityVenue: '格日勒社区老年活动中心（棋牌室、书画室、健身室）', services: ['代办养老保险资格认证', '老年人健康档案和体检', '困难帮扶和走访慰问', '文体活动和老年大学报名'] },
  { id: 'com-xilin', code: 'XL03', name: '锡林社区', address: '二连浩特市锡林路209号', serviceHours: '周一至周六 9:00-17:00', phone: '0479-7530003', location: { latitude: 43.6441, longitude: 111.9831 }, partyBranch: { name: '锡林社区第一党支部', place: '锡林社区党群服务中心二楼', phone: '0479-7531003' }, activityVenue: '锡林社区老年活动中心（棋牌室、书画室、健身室）', services: ['代办养老保险资格认证', '老年人健康档案和体检', '困难帮扶和走访慰问', '文体活动和老年大学报名'] },
  { id: 'com-bayan', code: 'BY04', name: '巴彦社区', address: '二连浩特市巴彦街55号', serviceHours: '周一至周五 8:30-17:30', phone: '0479-7530004', location: { latitude: 43.6572, longitude: 111.9655 }, partyBranch: { name: '巴彦社区第一党支部', place: '巴彦社区党群服务中心二楼', phone: '0479-7531004' }, activityVenue: '巴彦社区老年活动中心（棋牌室、书画室、健身室）', services: ['代办养老保险资格认证', '老年人健康档案和体检', '困难帮扶和走访慰问', '文体活动和老年大学报名'] },
  { id: 'com-xinyuan', code: 'XY05', name: '欣苑社区', address: '二连浩特市欣苑小区1号楼', serviceHours: '周一至周五 8:30-12:00，14:30-18:00', phone: '0479-7530005', location: { latitude: 43.6398, longitude: 111.9744 }, partyBranch: { name: '欣苑社区第一党支部', place: '欣苑社区党群服务中心二楼', phone: '0479-7531005' }, activityVenue: '欣苑社区老年活动中心（棋牌室、书画室、健身室）', services: ['代办养老保险资格认证', '老年人健康档案和体检', '困难帮扶和走访慰问', '文体活动和老年大学报名'] },
  { id: 'com-mandula', code: 'MDL06', name: '满都拉社区', address: '二连浩特市满都拉路12号', serviceHours: '周一至周五 9:00-17:00', phone: '0479-7530006', location: { latitude: 43.6617, longitude: 111.9889 }, partyBranch: { name: '满都拉社区第一党支部', place: '满都拉社区党群服务中心二楼', phone: '0479-7531006' }, activityVenue: '满都拉社区老年活动中心（棋牌室、书画室、健身室）', services: ['代办养老保险资格认证', '老年人健康档案和体检', '困难帮扶和走访慰问', '文体活动和老年大学报名'] },
]

export const SURNAMES = '王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('')
export const GIVEN_NAMES = ['建国', '秀兰', '淑珍', '玉梅', '国庆', '桂英', '志强', '丽华', '文革', '卫东', '红梅', '凤英', '德胜', '金花', '海军', '春生', '秀英', '永福', '玉兰', '振华', '明', '军', '伟', '静', '敏', '刚', '勇', '霞', '平', '华']
/** Mongolian and other long names, some with the separator dot ·. */
export const LONG_NAMES = [
  '斯日古楞',
  '额尔敦毕力格',
  '乌云其木格',
  '巴图孟和',
  '其其格',
  '阿拉坦仓',
  '苏日娜',
  '朝鲁门',
  '图门吉日嘎拉',
  '那仁格日勒',
  '宝音德力格尔',
  '巴雅尔图·额尔德尼',
  '阿依古丽·买买提',
  '帕尔哈提·艾则孜',
  '古丽娜尔·吐尔逊',
  '其木格·巴雅尔',
]
