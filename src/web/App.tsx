import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import { Suspense, lazy, type ReactNode } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api/client.ts';
import { keys } from './api/hooks.ts';
import { FullPageSpin, RequirePermission, RequireResident, RequireStaff } from './components/guards.tsx';
import { NotFound } from './components/NotFound.tsx';
import { I18nProvider, useI18n } from './i18n/index.tsx';
import { markSessionExpired } from './session.ts';

const LoginPage = lazy(() => import('./pages/login/LoginPage.tsx'));
const StaffLayout = lazy(() => import('./components/StaffLayout.tsx'));
const OverviewPage = lazy(() => import('./pages/overview/OverviewPage.tsx'));
const PropertyPage = lazy(() => import('./pages/property/PropertyPage.tsx'));
const UnitDetailPage = lazy(() => import('./pages/property/UnitDetailPage.tsx'));
const CustomersPage = lazy(() => import('./pages/customers/CustomersPage.tsx'));
const CustomerDetailPage = lazy(() => import('./pages/customers/CustomerDetailPage.tsx'));
const CompletenessPage = lazy(() => import('./pages/archive/CompletenessPage.tsx'));
const TransferPage = lazy(() => import('./pages/archive/TransferPage.tsx'));
const StaffPage = lazy(() => import('./pages/staff/StaffPage.tsx'));
const AuditPage = lazy(() => import('./pages/audit/AuditPage.tsx'));
const IntakePage = lazy(() => import('./pages/tickets/IntakePage.tsx'));
const TicketsPage = lazy(() => import('./pages/tickets/TicketsPage.tsx'));
const TicketDetailPage = lazy(() => import('./pages/tickets/TicketDetailPage.tsx'));
const RegistersPage = lazy(() => import('./pages/registers/RegistersPage.tsx'));
const ReturnVisitsPage = lazy(() => import('./pages/visits/ReturnVisitsPage.tsx'));
const DutyPage = lazy(() => import('./pages/duty/DutyPage.tsx'));
const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage.tsx'));
const MonthlyComplaintsPage = lazy(() => import('./pages/reports/MonthlyComplaintsPage.tsx'));
const PoliciesPage = lazy(() => import('./pages/policies/PoliciesPage.tsx'));
const FeeSchedulePage = lazy(() => import('./pages/fees/FeeSchedulePage.tsx'));
const AdoptedSuggestionsPage = lazy(() => import('./pages/suggestions/AdoptedSuggestionsPage.tsx'));
const CalendarPage = lazy(() => import('./pages/calendar/CalendarPage.tsx'));
const ObligationsPage = lazy(() => import('./pages/obligations/ObligationsPage.tsx'));
const PortalReportPage = lazy(() => import('./pages/portal/PortalReportPage.tsx'));
const PortalTicketsPage = lazy(() => import('./pages/portal/PortalTicketsPage.tsx'));
const PortalTicketPage = lazy(() => import('./pages/portal/PortalTicketPage.tsx'));
const PortalLayout = lazy(() => import('./pages/portal/PortalLayout.tsx'));
const PortalHomePage = lazy(() => import('./pages/portal/PortalHomePage.tsx'));
const PortalSurveyPage = lazy(() => import('./pages/portal/PortalSurveyPage.tsx'));
const VisitsPage = lazy(() => import('./pages/engagement/VisitsPage.tsx'));
const ForumsPage = lazy(() => import('./pages/engagement/ForumsPage.tsx'));
const SurveysPage = lazy(() => import('./pages/engagement/SurveysPage.tsx'));
const SurveyDetailPage = lazy(() => import('./pages/engagement/SurveyDetailPage.tsx'));

function onApiError(err: unknown) {
  if (err instanceof ApiError && err.isSessionExpired && queryClient.getQueryData(keys.me)) {
    markSessionExpired();
    queryClient.setQueryData(keys.me, null);
  }
}

const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: onApiError }),
  mutationCache: new MutationCache({ onError: onApiError }),
  defaultOptions: {
    queries: {
      // 4xx answers do not improve by asking again.
      retry: (count, err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
      refetchOnWindowFocus: false,
      staleTime: 30_000,
    },
  },
});

const page = (node: ReactNode) => <Suspense fallback={<FullPageSpin />}>{node}</Suspense>;

const router = createBrowserRouter([
  { path: '/login', element: page(<LoginPage />) },
  {
    path: '/portal',
    element: <RequireResident>{page(<PortalLayout />)}</RequireResident>,
    children: [
      { index: true, element: <PortalHomePage /> },
      { path: 'report', element: <PortalReportPage /> },
      { path: 'tickets', element: <PortalTicketsPage /> },
      { path: 'tickets/:id', element: <PortalTicketPage /> },
      { path: 'surveys/:id', element: <PortalSurveyPage /> },
      { path: '*', element: <NotFound home="/portal" /> },
    ],
  },
  {
    path: '/',
    element: <RequireStaff>{page(<StaffLayout />)}</RequireStaff>,
    children: [
      { index: true, element: <OverviewPage /> },
      {
        path: 'property',
        element: (
          <RequirePermission permission="property.read">
            <PropertyPage />
          </RequirePermission>
        ),
      },
      {
        path: 'property/units/:id',
        element: (
          <RequirePermission permission="property.read">
            <UnitDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'customers',
        element: (
          <RequirePermission permission="customer.read">
            <CustomersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'customers/:id',
        element: (
          <RequirePermission permission="customer.read">
            <CustomerDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'archive/completeness',
        element: (
          <RequirePermission permission="customer.read">
            <CompletenessPage />
          </RequirePermission>
        ),
      },
      {
        path: 'archive/transfer',
        element: (
          <RequirePermission permission="archive.export">
            <TransferPage />
          </RequirePermission>
        ),
      },
      {
        path: 'staff',
        element: (
          <RequirePermission permission="staff.read">
            <StaffPage />
          </RequirePermission>
        ),
      },
      {
        path: 'tickets/new',
        element: (
          <RequirePermission permission="ticket.create">
            <IntakePage />
          </RequirePermission>
        ),
      },
      {
        path: 'tickets',
        element: (
          <RequirePermission permission="ticket.read">
            <TicketsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'tickets/:id',
        element: (
          <RequirePermission permission="ticket.read">
            <TicketDetailPage />
          </RequirePermission>
        ),
      },
      {
        path: 'registers',
        element: (
          <RequirePermission permission="ticket.read">
            <RegistersPage />
          </RequirePermission>
        ),
      },
      {
        path: 'return-visits',
        element: (
          <RequirePermission permission="ticket.visit">
            <ReturnVisitsPage />
          </RequirePermission>
        ),
      },
      ...(
        [
          ['visits', <VisitsPage key="visits" />],
          ['forums', <ForumsPage key="forums" />],
          ['surveys', <SurveysPage key="surveys" />],
          ['surveys/:id', <SurveyDetailPage key="survey" />],
        ] as const
      ).map(([path, element]) => ({
        path,
        element: <RequirePermission permission="engagement.read">{element}</RequirePermission>,
      })),
      { path: 'obligations', element: <ObligationsPage /> },
      {
        path: 'duty',
        element: (
          <RequirePermission permission="duty.read">
            <DutyPage />
          </RequirePermission>
        ),
      },
      {
        path: 'dashboard',
        element: (
          <RequirePermission permission="ticket.read">
            <DashboardPage />
          </RequirePermission>
        ),
      },
      {
        path: 'reports/complaints',
        element: (
          <RequirePermission permission="ticket.read">
            <MonthlyComplaintsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'policies',
        element: (
          <RequirePermission permission="policy.manage">
            <PoliciesPage />
          </RequirePermission>
        ),
      },
      {
        path: 'fees',
        element: (
          <RequirePermission permission="policy.manage">
            <FeeSchedulePage />
          </RequirePermission>
        ),
      },
      {
        path: 'suggestions/adopted',
        element: (
          <RequirePermission permission="ticket.read">
            <AdoptedSuggestionsPage />
          </RequirePermission>
        ),
      },
      {
        path: 'calendar',
        element: (
          <RequirePermission permission="company.admin">
            <CalendarPage />
          </RequirePermission>
        ),
      },
      {
        path: 'audit',
        element: (
          <RequirePermission permission="audit.read">
            <AuditPage />
          </RequirePermission>
        ),
      },
      { path: '*', element: <NotFound /> },
    ],
  },
]);

function Themed() {
  const { antdLocale } = useI18n();
  return (
    <ConfigProvider
      locale={antdLocale}
      theme={{
        token: {
          colorPrimary: '#1d4ed8',
          colorInfo: '#1d4ed8',
          borderRadius: 6,
          fontFamily:
            "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Noto Sans SC', 'Helvetica Neue', Arial, sans-serif",
        },
        components: {
          Layout: { siderBg: '#0b1a33', headerBg: '#ffffff', bodyBg: '#f3f5f9' },
          Menu: { darkItemBg: '#0b1a33', darkSubMenuItemBg: '#0b1a33', darkItemSelectedBg: '#1d4ed8' },
        },
      }}
    >
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </ConfigProvider>
  );
}

export default function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <Themed />
      </I18nProvider>
    </QueryClientProvider>
  );
}
