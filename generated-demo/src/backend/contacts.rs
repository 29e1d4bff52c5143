//! Emergency contacts: ext-info and save-ext-info.

use veil::server::ApiError;

use super::{Backend, codes, validate};
use crate::applicant::Applicant;
use crate::crapido::{
    ChoiceValue, ContactsData, EmergencyContacts, ExtInfoRequest, SaveExtInfoRequest,
};
use crate::session::Session;
use crate::store::{Form, Values};

impl Backend {
    /// ext-info: the seed's relation lists and the contacts the applicant saved (empty
    /// strings before the first save).
    pub(super) async fn contacts(
        &self,
        request: ExtInfoRequest,
        session: &Session,
    ) -> Result<ContactsData, ApiError> {
        let applicant = Applicant::of(session, Some(&request.mobile), &request.product_id)?;
        let values = self
            .store
            .load_form(&applicant, Form::Contacts)
            .await
            .map_err(codes::storage)?;
        Ok(ContactsData {
            emergent: EmergencyContacts {
                lineal_list: self.forms.lineal_relations.clone(),
                other_list: self.forms.other_relations.clone(),
                lineal_name: values.get_or_empty("first_name"),
                lineal_relation: ChoiceValue(values.get_or_empty("first_relation")),
                lineal_mobile: values.get_or_empty("first_mobile"),
                other_name: values.get_or_empty("second_name"),
                other_relation: ChoiceValue(values.get_or_empty("second_relation")),
                other_mobile: values.get_or_empty("second_mobile"),
                alternate_phone: String::new(),
            },
        })
    }

    /// save-ext-info: relations must be among ext-info's lists.
    pub(super) async fn save_contacts(
        &self,
        request: SaveExtInfoRequest,
        session: &Session,
    ) -> Result<(), ApiError> {
        let applicant = Applicant::of(session, None, &request.product_id)?;
        let mut values = Values::new();
        values.set(
            "first_name",
            validate::text("first_name", &request.first_name)?,
        );
        values.set(
            "first_mobile",
            validate::mobile("first_mobile", &request.first_mobile)?,
        );
        values.set(
            "first_relation",
            validate::among(
                &self.forms.lineal_relations,
                "first_relation",
                &request.first_relation,
            )?,
        );
        values.set(
            "second_name",
            validate::text("second_name", &request.second_name)?,
        );
        values.set(
            "second_mobile",
            validate::mobile("second_mobile", &request.second_mobile)?,
        );
        values.set(
            "second_relation",
            validate::among(
                &self.forms.other_relations,
                "second_relation",
                &request.second_relation,
            )?,
        );
        // save-ext-info carries no order number.
        self.save(&applicant, Form::Contacts, values, None).await
    }
}
