from django.urls import path

from reminders import views

app_name = "reminders"

urlpatterns = [
    path("", views.reminders, name="reminders"),
    path("lich/", views.reminder_policy, name="reminder_policy"),
]
