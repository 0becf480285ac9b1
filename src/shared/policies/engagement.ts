/** Visits, owners' forums and surveys — seed 002 制度1 二, seed 004 考核内容五. */
import { z } from 'zod';
import { definePolicySection, field, labels } from './fields.ts';

export const engagementSection = definePolicySection({
  id: 'engagement',
  label: labels('拜访、座谈会与调查', '拜訪、座談會與調查', 'Visits, forums and surveys'),
  shape: {
    engagement: field(
      z.object({
        /** 办公室主任每年登门回访1~2次: visits to each household per year, at least and at most. */
        directorVisitsPerHousehold: field(
          z.object({
            min: field(z.number().int().min(0).max(12), { label: labels('至少', '至少', 'At least'), unit: 'times' }),
            max: field(z.number().int().min(1).max(12), { label: labels('至多', '至多', 'At most'), unit: 'times' }),
          }),
          {
            label: labels('主任每年登门拜访每户次数', '主任每年登門拜訪每戶次數', "Director's visits per household a year"),
            help: labels(
              '办公室主任每年登门回访 1~2 次',
              '辦公室主任每年登門回訪 1~2 次',
              'The office director visits each household once or twice a year',
            ),
          },
        ),
        /** 物管员按区域范围分工，每季回访1次: visits to each responsibility area per quarter. */
        areaVisitsPerQuarter: field(z.number().int().min(0).max(30), {
          label: labels('责任区每季度走访次数', '責任區每季度走訪次數', 'Visits per responsibility area a quarter'),
          unit: 'times',
        }),
        /** 每月对所辖区域不少于15户进行走访: households a butler visits per month. */
        butlerHouseholdsPerMonth: field(z.number().int().min(0).max(500), {
          label: labels('私人管家每月走访户数', '私人管家每月走訪戶數', 'Households a butler visits a month'),
          unit: 'households',
        }),
        /** 有记录，有照片: a butler's visit counts only with a photo. */
        butlerPhotoRequired: field(z.boolean(), {
          label: labels('走访须有照片', '走訪須有照片', "A butler's visit needs a photo"),
          help: labels('有记录、有照片的走访才计入', '有記錄、有照片的走訪才計入', 'Only visits with a record and a photo count'),
        }),
        /** 前台不少于每月15户次的主动与业主沟通: proactive contacts of the front desk per month. */
        frontdeskContactsPerMonth: field(z.number().int().min(0).max(500), {
          label: labels('前台每月主动沟通户次', '前台每月主動溝通戶次', 'Proactive contacts of the front desk a month'),
          unit: 'times',
        }),
        /** 每半年召开一次住户座谈会: months between owners' forums. */
        forumIntervalMonths: field(z.number().int().min(1).max(24), {
          label: labels('业主座谈会间隔', '業主座談會間隔', "Time between owners' forums"),
          unit: 'months',
        }),
        /** A survey rating (1–5) at or above this counts as satisfied. */
        satisfiedMinRating: field(z.number().int().min(1).max(5), {
          label: labels('计为满意的最低评分', '計為滿意的最低評分', 'Lowest rating counted as satisfied'),
          unit: 'points',
        }),
      }),
      { label: labels('拜访、座谈会与调查', '拜訪、座談會與調查', 'Visits, forums and surveys') },
    ),
  },
  defaults: {
    engagement: {
      directorVisitsPerHousehold: { min: 1, max: 2 },
      areaVisitsPerQuarter: 1,
      butlerHouseholdsPerMonth: 15,
      butlerPhotoRequired: true,
      frontdeskContactsPerMonth: 15,
      forumIntervalMonths: 6,
      satisfiedMinRating: 4,
    },
  },
});
