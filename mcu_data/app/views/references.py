"""«Справочники»: settlements, the boundary layer, themes and blocks, deadlines, recipients, villages, rubrics."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from mcu_data import access
from mcu_data.app.source import Source
from mcu_data.app.views.common import dashes
from mcu_data.core.locale import fmt_datetime, fmt_int, label

YES_NO = {True: "да", False: "нет"}


@dataclass
class ReferencesView:
    settlements: pd.DataFrame
    residents: str
    layer_schematic: bool
    layer_text: str
    can_edit_layer: bool
    themes: pd.DataFrame
    rules: pd.DataFrame
    recipients: pd.DataFrame
    gazetteer: pd.DataFrame
    rubrics: pd.DataFrame
    value_maps: pd.DataFrame
    settlement_frame: pd.DataFrame  # oktmo, name_ru: what a boundary layer is matched against


def build(src: Source, user: access.User) -> ReferencesView:
    refs = src.reference_tables()
    sett = refs["settlements"]
    layer = src.layer()
    names = src.names()
    rules = refs["rules"]
    return ReferencesView(
        settlements=pd.DataFrame(
            {
                "Поселение": sett["name_ru"],
                "Центр": sett["admin_centre_ru"],
                "ОКТМО": sett["oktmo"],
                "Население (перепись 2021)": sett["population_2021"],
                "Координаты центра": [
                    f"{lat:.5f}, {lon:.5f}".replace(".", ",") if pd.notna(lat) else "нет"
                    for lat, lon in zip(sett["lat"], sett["lon"], strict=True)
                ],
                "Проверены": sett["coord_verified"].map(YES_NO),
                "Примечание": sett["coord_note"],
            }
        ),
        residents=f"Всего жителей: {fmt_int(int(sett['population_2021'].sum()))}. Публичного слоя границ поселений нет; "
        "координаты приведены только там, где они найдены в источниках.",
        layer_schematic=layer.schematic,
        layer_text=(
            "Сейчас карта — **схема**: публичного слоя границ сельских поселений нет. Загрузите настоящий слой "
            "(GeoJSON, GeoPackage или shapefile в zip-архиве): объекты сопоставятся с поселениями по коду ОКТМО, а если "
            "его нет — по названию. Геометрия упрощается для скорости; обращения ПОС с координатами попадут в "
            "поселение, в границах которого лежит точка."
            if layer.schematic
            else f"Карта строится по слою **{layer.source}** ({fmt_int(len(layer.frame))} поселений)."
        ),
        can_edit_layer=access.allowed(user, access.EDIT_RULES),
        themes=dashes(
            refs["themes"]
            .drop(columns="code")
            .rename(columns={"name_ru": "Тема", "block": "Отраслевой блок", "leader": "Руководитель блока"})
        ),
        rules=pd.DataFrame(
            {
                "Канал": rules["source_code"].map(lambda c: label("source_short", c)),
                "Этап": rules["stage"].map(lambda c: label("stage", c)),
                "Срок": [f"{a} {label('unit', u)}" for a, u in zip(rules["amount"], rules["unit"], strict=True)],
                "Проверено": rules["verified"].map({True: "да", False: "НЕ ПРОВЕРЕНО"}),
                "Основание": rules["basis_ru"],
            }
        ),
        recipients=dashes(
            refs["recipients"]
            .drop(columns="code")
            .assign(recipient_kind=lambda f: f["recipient_kind"].map(lambda k: label("recipient_kind", k)))
            .rename(
                columns={
                    "name_ru": "Получатель",
                    "recipient_kind": "Вид",
                    "block": "Отраслевой блок",
                    "aliases": "Другие написания",
                }
            )
        ),
        gazetteer=dashes(refs["gazetteer"]).rename(
            columns={
                "place_ru": "Населённый пункт",
                "place_kind": "Тип",
                "settlement_oktmo": "ОКТМО поселения",
                "note": "Примечание",
            }
        )[["Населённый пункт", "Тип", "ОКТМО поселения", "Примечание"]],
        rubrics=dashes(refs["rubrics"])
        .assign(
            source_code=lambda f: f["source_code"].map(lambda c: label("source_short", c)),
            theme_code=lambda f: f["theme_code"].map(names.themes),
        )
        .rename(
            columns={
                "source_code": "Источник",
                "rubric": "Рубрика источника",
                "theme_code": "Тема",
                "subtheme": "Подтема",
            }
        ),
        value_maps=_value_maps(src.value_maps()),
        settlement_frame=sett[["oktmo", "name_ru"]],
    )


def _value_maps(maps: pd.DataFrame) -> pd.DataFrame:
    """Statuses, outcomes and channels as the sources write them, and what they mean; who taught each."""
    return pd.DataFrame(
        {
            "Поле": maps["field"].map(lambda f: label("value_field", f)),
            "Канал": maps["source_code"].map(lambda c: "все" if c == "*" else label("source_short", c)),
            "Значение в выгрузке": maps["raw_value"],
            "Значит": [label(f, c) for f, c in zip(maps["field"], maps["code"], strict=True)],
            "Кто внёс": maps["taught_by"].fillna("поставка"),
            "Когда": maps["taught_at"].map(lambda t: fmt_datetime(t.to_pydatetime()) if pd.notna(t) else ""),
        }
    )
