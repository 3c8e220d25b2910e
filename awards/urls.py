from django.urls import path

from awards import minutes_views as minutes
from awards import nomination_views as nominations
from awards import views

urlpatterns = [
    path("danh-muc/", views.award_type_list, name="award_type_list"),
    path("danh-muc/them/", views.award_type_form, name="award_type_create"),
    path("danh-muc/<int:award_type_id>/", views.award_type_form, name="award_type_edit"),
    path("ke-hoach/<int:plan_id>/de-nghi/", nominations.nomination_create, name="nomination_create"),
    path("ke-hoach/<int:plan_id>/chi-tieu/", nominations.quota_ledger, name="quota_ledger"),
    path("ke-hoach/<int:plan_id>/xuat-excel/", nominations.nominations_export, name="nominations_export"),
    path("ke-hoach/<int:plan_id>/hoi-dong/", nominations.council_meeting_open, name="council_meeting_open"),
    path("ke-hoach/<int:plan_id>/quyet-dinh/", nominations.decision_draft, name="decision_draft"),
    path("ho-so/", nominations.my_nominations, name="my_nominations"),
    path("tham-dinh/", nominations.review_queue, name="review_queue"),
    path("ho-so/<int:nomination_id>/", nominations.nomination_detail, name="nomination_detail"),
    path("ho-so/<int:nomination_id>/thanh-tich/", nominations.nomination_achievements,
         name="nomination_achievements"),
    path("ho-so/<int:nomination_id>/danh-gia/", nominations.nomination_assess, name="nomination_assess"),
    path("ho-so/<int:nomination_id>/dinh-kem/", nominations.nomination_attach, name="nomination_attach"),
    path("ho-so/<int:nomination_id>/nop/", nominations.nomination_submit, name="nomination_submit"),
    path("ho-so/<int:nomination_id>/xoa/", nominations.nomination_delete, name="nomination_delete"),
    path("ho-so/<int:nomination_id>/tra-lai/", nominations.nomination_return, name="nomination_return"),
    path("ho-so/<int:nomination_id>/khong-de-nghi/", nominations.nomination_reject, name="nomination_reject"),
    path("ho-so/<int:nomination_id>/de-nghi/", nominations.nomination_recommend, name="nomination_recommend"),
    path("ho-so/<int:nomination_id>/giao/", nominations.nomination_assign, name="nomination_assign"),
    path("tai-lieu/<int:attachment_id>/", nominations.attachment_download, name="attachment_download"),
    path("tai-lieu/<int:attachment_id>/xoa/", nominations.attachment_delete, name="attachment_delete"),
    path("hoi-dong/<int:meeting_id>/", nominations.council_meeting, name="council_meeting"),
    path("hoi-dong/<int:meeting_id>/bien-ban/", minutes.council_minutes, name="council_minutes"),
    path("hoi-dong/<int:meeting_id>/bien-ban/ky/", minutes.council_minutes_sign, name="council_minutes_sign"),
    path("hoi-dong/<int:meeting_id>/bien-ban/pdf/", minutes.council_minutes_pdf, name="council_minutes_pdf"),
    path("hoi-dong/<int:meeting_id>/bien-ban/word/", minutes.council_minutes_docx, name="council_minutes_docx"),
    path("quyet-dinh/<int:decision_id>/", nominations.decision_detail, name="decision_detail"),
    path("quyet-dinh/<int:decision_id>/trinh-ky/", nominations.decision_submit, name="decision_submit"),
    path("quyet-dinh/<int:decision_id>/tra-lai/", nominations.decision_return, name="decision_return"),
    path("quyet-dinh/<int:decision_id>/pdf/", nominations.decision_pdf, name="decision_pdf"),
    path("quyet-dinh/<int:decision_id>/word/", nominations.decision_docx, name="decision_docx"),
]
