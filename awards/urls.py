from django.urls import path

from awards import views

urlpatterns = [
    path("danh-muc/", views.award_type_list, name="award_type_list"),
    path("danh-muc/them/", views.award_type_form, name="award_type_create"),
    path("danh-muc/<int:award_type_id>/", views.award_type_form, name="award_type_edit"),
]
