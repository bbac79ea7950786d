"""The rating scales a desk starts with; desks add or edit their own in the admin."""

from decimal import Decimal

from django.db import migrations

SCALES = [
    {
        "name": "Six-step truth scale",
        "slug": "six-step",
        "description": "From True to False, with Unproven for claims the evidence cannot settle.",
        "best_value": Decimal(5),
        "worst_value": Decimal(1),
        "is_default": True,
        "labels": [
            ("True", 5, "The claim is accurate and nothing significant is missing.", "#1e8449"),
            ("Mostly true", 4, "Accurate, but needs clarification or extra context.", "#52be80"),
            ("Half true", 3, "Partly accurate, or accurate but misleading.", "#f4d03f"),
            ("Mostly false", 2, "Contains an element of truth but ignores facts.", "#e67e22"),
            ("False", 1, "The claim is not accurate.", "#c0392b"),
            ("Unproven", None, "The available evidence neither proves nor disproves it.", "#7f8c8d"),
        ],
    },
    {
        "name": "Three-step scale",
        "slug": "three-step",
        "description": "A short scale for quick checks.",
        "best_value": Decimal(3),
        "worst_value": Decimal(1),
        "is_default": False,
        "labels": [
            ("Accurate", 3, "The claim is accurate.", "#1e8449"),
            ("Misleading", 2, "Accurate in part, or missing context that changes it.", "#f39c12"),
            ("False", 1, "The claim is not accurate.", "#c0392b"),
        ],
    },
]


def create_scales(apps, schema_editor):
    RatingScale = apps.get_model("claims", "RatingScale")
    RatingLabel = apps.get_model("claims", "RatingLabel")
    for spec in SCALES:
        labels = spec["labels"]
        fields = {key: value for key, value in spec.items() if key != "labels"}
        scale, _ = RatingScale.objects.get_or_create(slug=fields["slug"], defaults=fields)
        for order, (label, value, description, colour) in enumerate(labels, start=1):
            RatingLabel.objects.get_or_create(
                scale=scale,
                label=label,
                defaults={
                    "value": None if value is None else Decimal(value),
                    "description": description,
                    "colour": colour,
                    "order": order,
                },
            )


def delete_scales(apps, schema_editor):
    RatingScale = apps.get_model("claims", "RatingScale")
    RatingScale.objects.filter(slug__in=[spec["slug"] for spec in SCALES]).delete()


class Migration(migrations.Migration):
    dependencies = [("claims", "0004_review")]

    operations = [migrations.RunPython(create_scales, delete_scales)]
