/** The obligations engine's own settings: when the sweeper reminds people of what they still owe. */
import { z } from 'zod';
import { definePolicySection, field, labels } from './fields.ts';

export const obligationsSection = definePolicySection({
  id: 'obligations',
  label: labels('义务与提醒', '義務與提醒', 'Obligations and reminders'),
  shape: {
    obligations: field(
      z.object({
        /** A person who still owes part of a quota is reminded this many days before its due date. */
        remindDaysBefore: field(z.number().int().min(0).max(60), {
          label: labels('到期前提醒', '到期前提醒', 'Remind before the due date'),
          help: labels(
            '走访、检查、培训等未完成时，提前这么多天通知责任人',
            '走訪、檢查、培訓等未完成時，提前這麼多天通知責任人',
            'Visits, inspections, training … still short: the person is told this many days before',
          ),
          unit: 'days',
        }),
      }),
      { label: labels('义务与提醒', '義務與提醒', 'Obligations and reminders') },
    ),
  },
  defaults: { obligations: { remindDaysBefore: 3 } },
});
