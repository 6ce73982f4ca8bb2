from django.urls import path

from invoices import views

urlpatterns = [
    path("invoices/", views.invoices, name="invoices"),
    path("invoices/<str:number>/pdf/", views.invoice_pdf, name="invoice_pdf"),
]
