from django.urls import path

from plans.views import drafting, followup, plans, records

app_name = "plans"

urlpatterns = [
    # Plans and their cascade
    path("", plans.plan_list, name="plan_list"),
    path("moi/", plans.plan_create, name="plan_create"),
    path("<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/sua/", plans.plan_edit, name="plan_edit"),
    path("<int:pk>/ban-hanh/", plans.plan_issue, name="plan_issue"),
    path("<int:pk>/dieu-chinh/", plans.plan_amend, name="plan_amend"),
    path("<int:pk>/xoa/", plans.plan_delete, name="plan_delete"),
    path("<int:pk>/xay-dung-ke-hoach-cap-duoi/", plans.plan_derive, name="plan_derive"),
    path("<int:pk>/cap-duoi/", plans.plan_cascade, name="plan_cascade"),
    path("<int:pk>/so-sanh/", plans.plan_diff, name="plan_diff"),
    path("<int:pk>/lich-su/", plans.plan_history, name="plan_history"),
    path("<int:pk>/pdf/", plans.plan_pdf, name="plan_pdf"),
    # Drafting: sections and tasks
    path("<int:pk>/muc/them/", drafting.section_add, name="section_add"),
    path("muc/<int:pk>/sua/", drafting.section_edit, name="section_edit"),
    path("muc/<int:pk>/xoa/", drafting.section_delete, name="section_delete"),
    path("<int:pk>/nhiem-vu/them/", drafting.task_add, name="task_add"),
    path("nhiem-vu/<int:pk>/sua/", drafting.task_edit, name="task_edit"),
    path("nhiem-vu/<int:pk>/xoa/", drafting.task_delete, name="task_delete"),
    # Tasks, follow-up and urging
    path("viec-duoc-giao/", followup.my_tasks, name="my_tasks"),
    path("viec-duoc-giao/<int:pk>/", followup.assignment_detail, name="assignment_detail"),
    path("viec-duoc-giao/<int:pk>/cap-nhat/", followup.assignment_update, name="assignment_update"),
    path("theo-doi/", followup.followup, name="followup"),
    path("don-doc/", followup.urging_list, name="urging_list"),
    path("don-doc/<int:pk>/", followup.urging_detail, name="urging_detail"),
    path("don-doc/<int:pk>/pdf/", followup.urging_pdf, name="urging_pdf"),
    # Inspections and supervision
    path("kiem-tra/", records.inspection_list, name="inspection_list"),
    path("kiem-tra/moi/", records.inspection_create, name="inspection_create"),
    path("kiem-tra/<int:pk>/", records.inspection_detail, name="inspection_detail"),
    path("kiem-tra/<int:pk>/sua/", records.inspection_edit, name="inspection_edit"),
    path("kiem-tra/<int:pk>/thuc-hien-kien-nghi/", records.inspection_follow_up, name="inspection_follow_up"),
]
