"""Contains all the data models used in inputs/outputs"""

from .account_ref import AccountRef
from .account_view import AccountView
from .account_view_role import AccountViewRole
from .account_with_token import AccountWithToken
from .alert import Alert
from .alert_item import AlertItem
from .alert_rule import AlertRule
from .alert_rule_kind import AlertRuleKind
from .alert_rule_level_type_0 import AlertRuleLevelType0
from .alert_rule_metric import AlertRuleMetric
from .alert_rule_threshold_ref_type_0 import AlertRuleThresholdRefType0
from .alert_state import AlertState
from .alert_value import AlertValue
from .alert_value_from_type_0 import AlertValueFromType0
from .allocation import Allocation
from .allocation_fund import AllocationFund
from .apply_pairing_suggestions_v1_suggestions_enterprise_pairing_apply_post_body import (
    ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBody,
)
from .apply_pairing_suggestions_v1_suggestions_enterprise_pairing_apply_post_body_pairings_item import (
    ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBodyPairingsItem,
)
from .assignment_effect import AssignmentEffect
from .assignment_effect_effect import AssignmentEffectEffect
from .assignment_what_if import AssignmentWhatIf
from .attempt import Attempt
from .bundle import Bundle
from .cadre import Cadre
from .care_contact import CareContact
from .care_contact_supporter_type import CareContactSupporterType
from .care_payment import CarePayment
from .care_payment_fund import CarePaymentFund
from .central_household import CentralHousehold
from .change_ref import ChangeRef
from .check_item_v1_coverage_metric_items_item_id_get_metric import CheckItemV1CoverageMetricItemsItemIdGetMetric
from .checkpoint import Checkpoint
from .checkpoint_kind import CheckpointKind
from .checkpoint_shift import CheckpointShift
from .compare_coverage_v1_coverage_metric_compare_get_metric import CompareCoverageV1CoverageMetricCompareGetMetric
from .compare_coverage_v1_coverage_metric_compare_get_response_compare_coverage_v1_coverage_metric_compare_get import (
    CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet,
)
from .coverage import Coverage
from .coverage_line import CoverageLine
from .create_record_v1_records_kind_post_body import CreateRecordV1RecordsKindPostBody
from .create_record_v1_records_kind_post_kind import CreateRecordV1RecordsKindPostKind
from .days import Days
from .delivery import Delivery
from .delivery_state import DeliveryState
from .deployment import Deployment
from .deployment_duties_item import DeploymentDutiesItem
from .deployment_target_type import DeploymentTargetType
from .duty_death import DutyDeath
from .duty_death_person_type import DutyDeathPersonType
from .end_record_v1_records_kind_record_id_end_post_body import EndRecordV1RecordsKindRecordIdEndPostBody
from .end_record_v1_records_kind_record_id_end_post_kind import EndRecordV1RecordsKindRecordIdEndPostKind
from .enrol import Enrol
from .enrol_v1_field_enrol_post_response_enrol_v1_field_enrol_post import (
    EnrolV1FieldEnrolPostResponseEnrolV1FieldEnrolPost,
)
from .enterprise import Enterprise
from .enterprise_kind import EnterpriseKind
from .enterprise_visit import EnterpriseVisit
from .event import Event
from .event_alert_type_0 import EventAlertType0
from .event_page import EventPage
from .export_gaps_v1_gaps_metric_export_get_format import ExportGapsV1GapsMetricExportGetFormat
from .export_gaps_v1_gaps_metric_export_get_lang import ExportGapsV1GapsMetricExportGetLang
from .export_gaps_v1_gaps_metric_export_get_metric import ExportGapsV1GapsMetricExportGetMetric
from .export_gaps_v1_gaps_metric_export_get_reason_type_0 import ExportGapsV1GapsMetricExportGetReasonType0
from .family_support import FamilySupport
from .family_support_supporter_type import FamilySupportSupporterType
from .family_visit import FamilyVisit
from .family_visit_family_type import FamilyVisitFamilyType
from .find_people_v1_people_get_kind_type_0_item import FindPeopleV1PeopleGetKindType0Item
from .find_people_v1_people_get_response_find_people_v1_people_get import (
    FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet,
)
from .find_regions_v1_regions_get_level_type_0 import FindRegionsV1RegionsGetLevelType0
from .find_regions_v1_regions_get_response_find_regions_v1_regions_get import (
    FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet,
)
from .frontline_record import FrontlineRecord
from .frontline_record_kind import FrontlineRecordKind
from .gap_facets import GapFacets
from .gap_facets_reasons import GapFacetsReasons
from .gap_item import GapItem
from .gap_item_details import GapItemDetails
from .gaps import Gaps
from .get_assignment_whatif_v1_whatif_assignment_get_kind import GetAssignmentWhatifV1WhatifAssignmentGetKind
from .get_record_v1_records_kind_record_id_get_kind import GetRecordV1RecordsKindRecordIdGetKind
from .health_health_get_response_health_health_get import HealthHealthGetResponseHealthHealthGet
from .hotspot import Hotspot
from .hotspots import Hotspots
from .household import Household
from .household_link import HouseholdLink
from .household_visit import HouseholdVisit
from .import_sheet_v1_imports_post_body import ImportSheetV1ImportsPostBody
from .item_status import ItemStatus
from .item_status_details import ItemStatusDetails
from .level import Level
from .list_accounts_v1_field_accounts_get_response_list_accounts_v1_field_accounts_get import (
    ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet,
)
from .list_alerts_v1_alerts_get_state import ListAlertsV1AlertsGetState
from .list_changes_v1_changes_get_response_list_changes_v1_changes_get import (
    ListChangesV1ChangesGetResponseListChangesV1ChangesGet,
)
from .list_deliveries_v1_subscriptions_subscription_id_deliveries_get_state_type_0 import (
    ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0,
)
from .list_queries_v1_queries_get_response_200_item import ListQueriesV1QueriesGetResponse200Item
from .me import Me
from .me_role import MeRole
from .medical_worker import MedicalWorker
from .metric_info import MetricInfo
from .my_record_v1_me_record_get_response_my_record_v1_me_record_get import (
    MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet,
)
from .my_work_v1_me_work_get_response_my_work_v1_me_work_get import MyWorkV1MeWorkGetResponseMyWorkV1MeWorkGet
from .new_account import NewAccount
from .new_account_role import NewAccountRole
from .new_enrolment_v1_field_accounts_account_id_enrolment_post_response_new_enrolment_v1_field_accounts_account_id_enrolment_post import (
    NewEnrolmentV1FieldAccountsAccountIdEnrolmentPostResponseNewEnrolmentV1FieldAccountsAccountIdEnrolmentPost,
)
from .new_field_account import NewFieldAccount
from .newly_uncovered import NewlyUncovered
from .pairing import Pairing
from .party_application import PartyApplication
from .party_application_applicant_type import PartyApplicationApplicantType
from .party_member import PartyMember
from .party_org import PartyOrg
from .party_org_kind import PartyOrgKind
from .path_step import PathStep
from .problem_details import ProblemDetails
from .problem_details_errors_item import ProblemDetailsErrorsItem
from .problem_details_written import ProblemDetailsWritten
from .read_boundaries_v1_boundaries_get_response_read_boundaries_v1_boundaries_get import (
    ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet,
)
from .read_calendar_v1_calendar_get_response_read_calendar_v1_calendar_get import (
    ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet,
)
from .read_children_v1_regions_region_id_children_get_response_read_children_v1_regions_region_id_children_get import (
    ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet,
)
from .read_coverage_v1_coverage_metric_get_metric import ReadCoverageV1CoverageMetricGetMetric
from .read_funnel_v1_incentives_funnel_get_response_read_funnel_v1_incentives_funnel_get import (
    ReadFunnelV1IncentivesFunnelGetResponseReadFunnelV1IncentivesFunnelGet,
)
from .read_gaps_v1_gaps_metric_get_lang import ReadGapsV1GapsMetricGetLang
from .read_gaps_v1_gaps_metric_get_metric import ReadGapsV1GapsMetricGetMetric
from .read_gaps_v1_gaps_metric_get_reason_type_0 import ReadGapsV1GapsMetricGetReasonType0
from .read_hotspots_v1_hotspots_metric_get_level_type_0 import ReadHotspotsV1HotspotsMetricGetLevelType0
from .read_hotspots_v1_hotspots_metric_get_metric import ReadHotspotsV1HotspotsMetricGetMetric
from .read_many_v1_coverage_metric_regions_get_metric import ReadManyV1CoverageMetricRegionsGetMetric
from .read_many_v1_coverage_metric_regions_get_response_read_many_v1_coverage_metric_regions_get import (
    ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet,
)
from .read_policy_v1_policy_get_response_read_policy_v1_policy_get import (
    ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet,
)
from .read_query_v1_queries_namespace_name_get_name import ReadQueryV1QueriesNamespaceNameGetName
from .read_query_v1_queries_namespace_name_get_namespace import ReadQueryV1QueriesNamespaceNameGetNamespace
from .read_query_v1_queries_namespace_name_get_response_read_query_v1_queries_namespace_name_get import (
    ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet,
)
from .read_region_v1_regions_region_id_get_response_read_region_v1_regions_region_id_get import (
    ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet,
)
from .read_series_v1_coverage_metric_series_get_metric import ReadSeriesV1CoverageMetricSeriesGetMetric
from .read_series_v1_coverage_metric_series_get_response_read_series_v1_coverage_metric_series_get import (
    ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet,
)
from .read_series_v1_coverage_metric_series_get_step import ReadSeriesV1CoverageMetricSeriesGetStep
from .read_sources_v1_exchange_sources_get_response_read_sources_v1_exchange_sources_get import (
    ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet,
)
from .receive_exchange_v1_exchange_post_body import ReceiveExchangeV1ExchangePostBody
from .receive_exchange_v1_exchange_post_response_receive_exchange_v1_exchange_post import (
    ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost,
)
from .recognition import Recognition
from .recognition_kind import RecognitionKind
from .recognition_level import RecognitionLevel
from .recognition_person_type import RecognitionPersonType
from .record_entry_v1_me_record_post_body import RecordEntryV1MeRecordPostBody
from .record_entry_v1_me_record_post_body_kind import RecordEntryV1MeRecordPostBodyKind
from .record_visit_v1_me_visits_kind_post_body import RecordVisitV1MeVisitsKindPostBody
from .record_visit_v1_me_visits_kind_post_body_family_type import RecordVisitV1MeVisitsKindPostBodyFamilyType
from .record_visit_v1_me_visits_kind_post_kind import RecordVisitV1MeVisitsKindPostKind
from .records_of_item_v1_records_get_response_records_of_item_v1_records_get import (
    RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet,
)
from .region import Region
from .region_count import RegionCount
from .region_info import RegionInfo
from .region_kind_type_0 import RegionKindType0
from .replace_record_v1_records_kind_record_id_put_body import ReplaceRecordV1RecordsKindRecordIdPutBody
from .replace_record_v1_records_kind_record_id_put_kind import ReplaceRecordV1RecordsKindRecordIdPutKind
from .replayed import Replayed
from .revoke_v1_field_accounts_account_id_revoke_post_response_revoke_v1_field_accounts_account_id_revoke_post import (
    RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost,
)
from .rule_in import RuleIn
from .rule_in_kind import RuleInKind
from .rule_in_level_type_0 import RuleInLevelType0
from .rule_in_metric import RuleInMetric
from .rule_in_threshold_ref_type_0 import RuleInThresholdRefType0
from .run_library_query_v1_queries_namespace_name_post_body import RunLibraryQueryV1QueriesNamespaceNamePostBody
from .run_library_query_v1_queries_namespace_name_post_name import RunLibraryQueryV1QueriesNamespaceNamePostName
from .run_library_query_v1_queries_namespace_name_post_namespace import (
    RunLibraryQueryV1QueriesNamespaceNamePostNamespace,
)
from .run_library_query_v1_queries_namespace_name_post_response_run_library_query_v1_queries_namespace_name_post import (
    RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost,
)
from .scope_region import ScopeRegion
from .scorecard import Scorecard
from .scorecard_line import ScorecardLine
from .scorecard_line_status import ScorecardLineStatus
from .stats_v1_stats_get_response_stats_v1_stats_get import StatsV1StatsGetResponseStatsV1StatsGet
from .stats_v1_stats_get_response_stats_v1_stats_get_additional_property import (
    StatsV1StatsGetResponseStatsV1StatsGetAdditionalProperty,
)
from .subscription import Subscription
from .subscription_channel import SubscriptionChannel
from .subscription_digest import SubscriptionDigest
from .subscription_in import SubscriptionIn
from .subscription_in_channel import SubscriptionInChannel
from .subscription_in_digest import SubscriptionInDigest
from .subscription_in_events_item import SubscriptionInEventsItem
from .subscription_in_lang import SubscriptionInLang
from .subscription_lang import SubscriptionLang
from .subscription_with_secret import SubscriptionWithSecret
from .suggestion import Suggestion
from .suggestions import Suggestions
from .supervision import Supervision
from .talent import Talent
from .talent_kind import TalentKind
from .team_membership import TeamMembership
from .touched import Touched
from .touched_region import TouchedRegion
from .unavailable import Unavailable
from .unresolvable import Unresolvable
from .void_record_v1_records_kind_record_id_void_post_body import VoidRecordV1RecordsKindRecordIdVoidPostBody
from .void_record_v1_records_kind_record_id_void_post_kind import VoidRecordV1RecordsKindRecordIdVoidPostKind
from .volunteer_team import VolunteerTeam
from .what_if import WhatIf
from .what_if_metric import WhatIfMetric
from .what_if_request import WhatIfRequest

__all__ = (
    "AccountRef",
    "AccountView",
    "AccountViewRole",
    "AccountWithToken",
    "Alert",
    "AlertItem",
    "AlertRule",
    "AlertRuleKind",
    "AlertRuleLevelType0",
    "AlertRuleMetric",
    "AlertRuleThresholdRefType0",
    "AlertState",
    "AlertValue",
    "AlertValueFromType0",
    "Allocation",
    "AllocationFund",
    "ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBody",
    "ApplyPairingSuggestionsV1SuggestionsEnterprisePairingApplyPostBodyPairingsItem",
    "AssignmentEffect",
    "AssignmentEffectEffect",
    "AssignmentWhatIf",
    "Attempt",
    "Bundle",
    "Cadre",
    "CareContact",
    "CareContactSupporterType",
    "CarePayment",
    "CarePaymentFund",
    "CentralHousehold",
    "ChangeRef",
    "CheckItemV1CoverageMetricItemsItemIdGetMetric",
    "Checkpoint",
    "CheckpointKind",
    "CheckpointShift",
    "CompareCoverageV1CoverageMetricCompareGetMetric",
    "CompareCoverageV1CoverageMetricCompareGetResponseCompareCoverageV1CoverageMetricCompareGet",
    "Coverage",
    "CoverageLine",
    "CreateRecordV1RecordsKindPostBody",
    "CreateRecordV1RecordsKindPostKind",
    "Days",
    "Delivery",
    "DeliveryState",
    "Deployment",
    "DeploymentDutiesItem",
    "DeploymentTargetType",
    "DutyDeath",
    "DutyDeathPersonType",
    "EndRecordV1RecordsKindRecordIdEndPostBody",
    "EndRecordV1RecordsKindRecordIdEndPostKind",
    "Enrol",
    "EnrolV1FieldEnrolPostResponseEnrolV1FieldEnrolPost",
    "Enterprise",
    "EnterpriseKind",
    "EnterpriseVisit",
    "Event",
    "EventAlertType0",
    "EventPage",
    "ExportGapsV1GapsMetricExportGetFormat",
    "ExportGapsV1GapsMetricExportGetLang",
    "ExportGapsV1GapsMetricExportGetMetric",
    "ExportGapsV1GapsMetricExportGetReasonType0",
    "FamilySupport",
    "FamilySupportSupporterType",
    "FamilyVisit",
    "FamilyVisitFamilyType",
    "FindPeopleV1PeopleGetKindType0Item",
    "FindPeopleV1PeopleGetResponseFindPeopleV1PeopleGet",
    "FindRegionsV1RegionsGetLevelType0",
    "FindRegionsV1RegionsGetResponseFindRegionsV1RegionsGet",
    "FrontlineRecord",
    "FrontlineRecordKind",
    "GapFacets",
    "GapFacetsReasons",
    "GapItem",
    "GapItemDetails",
    "Gaps",
    "GetAssignmentWhatifV1WhatifAssignmentGetKind",
    "GetRecordV1RecordsKindRecordIdGetKind",
    "HealthHealthGetResponseHealthHealthGet",
    "Hotspot",
    "Hotspots",
    "Household",
    "HouseholdLink",
    "HouseholdVisit",
    "ImportSheetV1ImportsPostBody",
    "ItemStatus",
    "ItemStatusDetails",
    "Level",
    "ListAccountsV1FieldAccountsGetResponseListAccountsV1FieldAccountsGet",
    "ListAlertsV1AlertsGetState",
    "ListChangesV1ChangesGetResponseListChangesV1ChangesGet",
    "ListDeliveriesV1SubscriptionsSubscriptionIdDeliveriesGetStateType0",
    "ListQueriesV1QueriesGetResponse200Item",
    "Me",
    "MedicalWorker",
    "MeRole",
    "MetricInfo",
    "MyRecordV1MeRecordGetResponseMyRecordV1MeRecordGet",
    "MyWorkV1MeWorkGetResponseMyWorkV1MeWorkGet",
    "NewAccount",
    "NewAccountRole",
    "NewEnrolmentV1FieldAccountsAccountIdEnrolmentPostResponseNewEnrolmentV1FieldAccountsAccountIdEnrolmentPost",
    "NewFieldAccount",
    "NewlyUncovered",
    "Pairing",
    "PartyApplication",
    "PartyApplicationApplicantType",
    "PartyMember",
    "PartyOrg",
    "PartyOrgKind",
    "PathStep",
    "ProblemDetails",
    "ProblemDetailsErrorsItem",
    "ProblemDetailsWritten",
    "ReadBoundariesV1BoundariesGetResponseReadBoundariesV1BoundariesGet",
    "ReadCalendarV1CalendarGetResponseReadCalendarV1CalendarGet",
    "ReadChildrenV1RegionsRegionIdChildrenGetResponseReadChildrenV1RegionsRegionIdChildrenGet",
    "ReadCoverageV1CoverageMetricGetMetric",
    "ReadFunnelV1IncentivesFunnelGetResponseReadFunnelV1IncentivesFunnelGet",
    "ReadGapsV1GapsMetricGetLang",
    "ReadGapsV1GapsMetricGetMetric",
    "ReadGapsV1GapsMetricGetReasonType0",
    "ReadHotspotsV1HotspotsMetricGetLevelType0",
    "ReadHotspotsV1HotspotsMetricGetMetric",
    "ReadManyV1CoverageMetricRegionsGetMetric",
    "ReadManyV1CoverageMetricRegionsGetResponseReadManyV1CoverageMetricRegionsGet",
    "ReadPolicyV1PolicyGetResponseReadPolicyV1PolicyGet",
    "ReadQueryV1QueriesNamespaceNameGetName",
    "ReadQueryV1QueriesNamespaceNameGetNamespace",
    "ReadQueryV1QueriesNamespaceNameGetResponseReadQueryV1QueriesNamespaceNameGet",
    "ReadRegionV1RegionsRegionIdGetResponseReadRegionV1RegionsRegionIdGet",
    "ReadSeriesV1CoverageMetricSeriesGetMetric",
    "ReadSeriesV1CoverageMetricSeriesGetResponseReadSeriesV1CoverageMetricSeriesGet",
    "ReadSeriesV1CoverageMetricSeriesGetStep",
    "ReadSourcesV1ExchangeSourcesGetResponseReadSourcesV1ExchangeSourcesGet",
    "ReceiveExchangeV1ExchangePostBody",
    "ReceiveExchangeV1ExchangePostResponseReceiveExchangeV1ExchangePost",
    "Recognition",
    "RecognitionKind",
    "RecognitionLevel",
    "RecognitionPersonType",
    "RecordEntryV1MeRecordPostBody",
    "RecordEntryV1MeRecordPostBodyKind",
    "RecordsOfItemV1RecordsGetResponseRecordsOfItemV1RecordsGet",
    "RecordVisitV1MeVisitsKindPostBody",
    "RecordVisitV1MeVisitsKindPostBodyFamilyType",
    "RecordVisitV1MeVisitsKindPostKind",
    "Region",
    "RegionCount",
    "RegionInfo",
    "RegionKindType0",
    "ReplaceRecordV1RecordsKindRecordIdPutBody",
    "ReplaceRecordV1RecordsKindRecordIdPutKind",
    "Replayed",
    "RevokeV1FieldAccountsAccountIdRevokePostResponseRevokeV1FieldAccountsAccountIdRevokePost",
    "RuleIn",
    "RuleInKind",
    "RuleInLevelType0",
    "RuleInMetric",
    "RuleInThresholdRefType0",
    "RunLibraryQueryV1QueriesNamespaceNamePostBody",
    "RunLibraryQueryV1QueriesNamespaceNamePostName",
    "RunLibraryQueryV1QueriesNamespaceNamePostNamespace",
    "RunLibraryQueryV1QueriesNamespaceNamePostResponseRunLibraryQueryV1QueriesNamespaceNamePost",
    "ScopeRegion",
    "Scorecard",
    "ScorecardLine",
    "ScorecardLineStatus",
    "StatsV1StatsGetResponseStatsV1StatsGet",
    "StatsV1StatsGetResponseStatsV1StatsGetAdditionalProperty",
    "Subscription",
    "SubscriptionChannel",
    "SubscriptionDigest",
    "SubscriptionIn",
    "SubscriptionInChannel",
    "SubscriptionInDigest",
    "SubscriptionInEventsItem",
    "SubscriptionInLang",
    "SubscriptionLang",
    "SubscriptionWithSecret",
    "Suggestion",
    "Suggestions",
    "Supervision",
    "Talent",
    "TalentKind",
    "TeamMembership",
    "Touched",
    "TouchedRegion",
    "Unavailable",
    "Unresolvable",
    "VoidRecordV1RecordsKindRecordIdVoidPostBody",
    "VoidRecordV1RecordsKindRecordIdVoidPostKind",
    "VolunteerTeam",
    "WhatIf",
    "WhatIfMetric",
    "WhatIfRequest",
)
