from django.urls import path

from campaigns import outside_views, report_views, views

urlpatterns = [
    path("", views.plan_list, name="plan_list"),
    path("moi/", views.plan_create, name="plan_create"),
    path("so-van-ban-di/", views.register_list, name="register_list"),
    path("van-ban-ngoai/", outside_views.outside_document_list, name="outside_document_list"),
    path("van-ban-ngoai/them/", outside_views.outside_document_add, name="outside_document_add"),
    path("van-ban-ngoai/<int:document_id>/", outside_views.outside_document_detail, name="outside_document_detail"),
    path("van-ban-ngoai/<int:document_id>/tep/", outside_views.outside_document_file, name="outside_document_file"),
    path("han-nop/", report_views.obligation_list, name="obligation_list"),
    path("lich/<str:token>.ics", report_views.calendar_feed, name="calendar_feed"),
    path("lich/don-vi/<int:unit_id>/lam-moi/", report_views.calendar_renew, name="calendar_renew"),
    path("bao-cao/<int:report_id>/tra-lai/", report_views.report_return, name="report_return"),
    path("bao-cao/tai-lieu/<int:attachment_id>/", report_views.report_attachment, name="report_attachment"),
    path("nghia-vu/<int:obligation_id>/mien/", report_views.obligation_waive, name="obligation_waive"),
    path("<int:plan_id>/bao-cao/<int:year>/", report_views.report_edit, name="report_edit"),
    path("<int:plan_id>/tong-hop/", report_views.plan_rollup, name="plan_rollup"),
    path("<int:plan_id>/", views.plan_detail, name="plan_detail"),
    path("<int:plan_id>/soan-thao/", views.plan_edit, name="plan_edit"),
    path("<int:plan_id>/soan-thao/<slug:slug>/them/", views.part_form, name="part_add"),
    path("<int:plan_id>/soan-thao/<slug:slug>/<int:part_id>/", views.part_form, name="part_edit"),
    path("<int:plan_id>/soan-thao/<slug:slug>/<int:part_id>/xoa/", views.part_delete, name="part_delete"),
    path("<int:plan_id>/soan-thao/<slug:slug>/<int:part_id>/di-chuyen/", views.part_move, name="part_move"),
    path("<int:plan_id>/trinh-ky/", views.plan_submit, name="plan_submit"),
    path("<int:plan_id>/tra-lai/", views.plan_return, name="plan_return"),
    path("<int:plan_id>/trien-khai/", views.plan_derive, name="plan_derive"),
    path("<int:plan_id>/sua-doi/", views.plan_amend, name="plan_amend"),
    path("<int:plan_id>/ket-thuc-dot/", views.plan_period_close, name="plan_period_close"),
    path("<int:plan_id>/pdf/", views.plan_pdf, name="plan_pdf"),
    path("<int:plan_id>/ban-in/", views.plan_print, name="plan_print"),
]
