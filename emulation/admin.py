from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from emulation.models import AuditEntry, EmulationBloc, Notification, RoleAssignment, Unit, User

admin.site.site_header = _("Thi đua — quản trị hệ thống")
admin.site.site_title = _("Thi đua")


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["unit"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + ((_("Thông tin công tác"), {"fields": ("full_name", "position",
                                                                                  "email_notifications")}),)
    list_display = ["username", "full_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "full_name", "email"]
    inlines = [RoleInline]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "abbreviation", "place_name", "archived_at"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "search_key"]
    readonly_fields = ["path", "depth", "parent"]

    def has_add_permission(self, request):
        # New units need their tree path: they are created through the app's unit service.
        return False


@admin.register(EmulationBloc)
class EmulationBlocAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organiser"]
    search_fields = ["name"]
    filter_horizontal = ["members"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "content_type", "object_id"]
    list_filter = ["action"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Notification)
