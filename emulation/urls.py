from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from emulation import login_limits, signing_views, views

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", login_limits.login, name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("don-vi/", views.unit_directory, name="unit_directory"),
    path("don-vi/them/", views.unit_create_top_level, name="unit_create_top_level"),
    path("don-vi/<int:unit_id>/", views.unit_detail, name="unit_detail"),
    path("don-vi/<int:parent_id>/them/", views.unit_create, name="unit_create"),
    path("don-vi/<int:unit_id>/sua/", views.unit_edit, name="unit_edit"),
    path("don-vi/<int:unit_id>/luu-tru/", views.unit_archive, name="unit_archive"),
    path("don-vi/<int:unit_id>/sap-nhap/", views.unit_merge, name="unit_merge"),
    path("don-vi/<int:unit_id>/khoi-phuc/", views.unit_restore, name="unit_restore"),
    path("don-vi/<int:unit_id>/vai-tro/", views.role_add, name="role_add"),
    path("vai-tro/<int:assignment_id>/thu-hoi/", views.role_remove, name="role_remove"),
    path("nguoi-dung/", views.person_list, name="person_list"),
    path("nguoi-dung/them/", views.person_create, name="person_create"),
    path("khoi-thi-dua/", views.bloc_list, name="bloc_list"),
    path("khoi-thi-dua/them/", views.bloc_form, name="bloc_create"),
    path("khoi-thi-dua/<int:bloc_id>/", views.bloc_detail, name="bloc_detail"),
    path("khoi-thi-dua/<int:bloc_id>/sua/", views.bloc_form, name="bloc_edit"),
    path("thong-bao/", views.notification_inbox, name="notification_inbox"),
    path("thong-bao/da-doc/", views.notification_read, name="notification_read"),
    path("tuy-chon/", views.preferences, name="preferences"),
    path("ke-hoach/", include("campaigns.urls")),
    path("khen-thuong/", include("awards.urls")),
    path("don-vi/<int:unit_id>/ky-so/", views.signing_material, name="signing_material"),
    path("van-ban/<int:document_id>/trang-thai/", views.official_document_status, name="official_document_status"),
    path("van-ban/<int:document_id>/pdf/", views.official_document_pdf, name="official_document_pdf"),
    path("van-ban/<int:document_id>/tao-lai/", views.official_document_retry, name="official_document_retry"),
    path("trinh-ky/", signing_views.signing_queue, name="signing_queue"),
    path("trinh-ky/<int:signing_id>/tep/", signing_views.signing_file, name="signing_file"),
    path("trinh-ky/<int:signing_id>/da-ky/", signing_views.signing_signed_file, name="signing_signed_file"),
    path("trinh-ky/<int:signing_id>/tai-len/", signing_views.signing_upload, name="signing_upload"),
    path("ky-bang-cong-cu/<str:token>/tep/", signing_views.signing_tool_file, name="signing_tool_file"),
    path("ky-bang-cong-cu/<str:token>/tai-len/", signing_views.signing_tool_upload, name="signing_tool_upload"),
    path("trinh-ky/<int:signing_id>/ky-tu-xa/", signing_views.signing_remote, name="signing_remote"),
    path("trinh-ky/<int:signing_id>/ban-hanh/", signing_views.signing_issue, name="signing_issue"),
    path("ky-tu-xa/<int:remote_id>/", signing_views.signing_remote_wait, name="signing_remote_wait"),
    path("ky-tu-xa/<int:remote_id>/huy/", signing_views.signing_remote_cancel, name="signing_remote_cancel"),
    path("chung-thu-so/", signing_views.my_certificates, name="my_certificates"),
    path("chung-thu-so/<int:certificate_id>/ngung-dung/", signing_views.certificate_retire,
         name="certificate_retire"),
    path("xac-minh/", views.document_verify_start, name="document_verify_start"),
    path("xac-minh/<str:code>/", views.document_verify, name="document_verify"),
    path("healthz", views.healthz, name="healthz"),
    path("quan-tri-he-thong/", admin.site.urls),
]

handler403 = "emulation.errors.permission_denied"
handler404 = "emulation.errors.page_not_found"
handler500 = "emulation.errors.server_error"
