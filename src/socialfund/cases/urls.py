from django.urls import path

from socialfund.cases.views import application, calc_sheet, case, guided, lists

app_name = "cases"

urlpatterns = [
    path("arenden/", lists.initiative_list_view, name="list"),
    path("arenden/pipeline/", lists.pipeline_view, name="pipeline"),
    path("arenden/nytt/", case.initiative_new_view, name="new"),
    path("arenden/<int:pk>/", case.initiative_detail_view, name="detail"),
    path("arenden/<int:pk>/andra/", case.initiative_edit_view, name="edit"),
    path("arenden/<int:pk>/bilagor/", case.attachment_add_view, name="attach"),
    path("arenden/<int:pk>/bilagor/<int:attachment_id>/", case.attachment_download_view, name="attachment"),
    path("arenden/fran-fil/", guided.application_import_view, name="import"),
    path("arenden/<int:pk>/ansokan/", application.application_read_view, name="application"),
    path("arenden/<int:pk>/kalkyl.xlsx", calc_sheet.calculation_xlsx_view, name="calc-xlsx"),
    path("arenden/<int:pk>/kalkyl-fran-kalkylblad/", calc_sheet.calculation_upload_view, name="calc-upload"),
    path("arenden/<int:pk>/ansokan/berakna/", guided.calculator_preview_view, name="calc-preview"),
    path("arenden/<int:pk>/ansokan/berakna/rader/", guided.calculator_rows_view, name="calc-rows"),
    path(
        "arenden/<int:pk>/ansokan/<slug:step_code>/provning/", guided.screening_preview_view, name="screening-preview"
    ),
    path("arenden/<int:pk>/ansokan/<slug:step_code>/", guided.guided_step_view, name="guided"),
    path("arenden/<int:pk>/initiativfil.yaml", guided.application_export_view, name="export"),
    path("arenden/<int:pk>/<slug:action>/", case.initiative_action_view, name="action"),
    path("att-gora/", lists.todo_view, name="todo"),
    path("beredning/", lists.preparation_desk_view, name="desk"),
]
