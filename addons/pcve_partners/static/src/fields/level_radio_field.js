import {registry} from "@web/core/registry";
import {RadioField, radioField} from "@web/views/fields/radio/radio_field";

/**
 * Radio buttons of the levels of collaboration, offered up to the level in the
 * field named by the `max_field` option (the levels are ordered from the least
 * to the most intense). The server refuses a higher level all the same.
 */
export class LevelRadioField extends RadioField {
    static props = {
        ...RadioField.props,
        maxField: {type: String, optional: true},
    };

    get items() {
        const items = super.items;
        const max = this.props.maxField && this.props.record.data[this.props.maxField];
        const index = items.findIndex((item) => item[0] === max);
        return index < 0 ? items : items.slice(0, index + 1);
    }
}

export const levelRadioField = {
    ...radioField,
    component: LevelRadioField,
    extractProps: (fieldInfo, dynamicInfo) => ({
        ...radioField.extractProps(fieldInfo, dynamicInfo),
        maxField: fieldInfo.options.max_field,
    }),
};

registry.category("fields").add("pcve_level_radio", levelRadioField);
