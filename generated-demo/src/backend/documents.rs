//! Identity documents: basic-person-info, upload-image and save-basic-info.
//!
//! Photos are stored per person (mobile) and kind, one each (a new upload replaces the earlier,
//! so repeated uploads cannot pile up), and served back at `/files/<token>` under the
//! server's own base URL. The demo has no OCR: it "cannot read" the front of an ID, so that
//! upload answers `is_need_pop` = 1 with nothing read, and the app asks the applicant for the
//! data and sends it with save-basic-info; basic-person-info then shows it as the front's
//! `info`. Upload type 10 (face) is the selfie, shown as `liveness`; no upload type fills
//! `hands`, which stays "never uploaded".

use veil::server::ApiError;

use super::{Backend, codes, validate};
use crate::applicant::Applicant;
use crate::crapido::{
    BasicPersonInfoRequest, DocumentPhoto, IdCardInfo, ImageKind, PersonDocuments,
    SaveBasicInfoRequest, UploadImageRequest, UploadResult,
};
use crate::session::Session;
use crate::store::{Identity, Photo};

/// `status` of a photo never uploaded.
const NOT_UPLOADED: i64 = 0;
/// `status` of an uploaded photo.
const UPLOADED: i64 = 1;
/// The liveness check this server uses.
const LIVENESS_TYPE: i64 = 0;

impl Backend {
    /// basic-person-info: which photos the person uploaded, their URLs, and the corrected ID
    /// data with the front.
    pub(super) async fn documents(
        &self,
        request: BasicPersonInfoRequest,
        session: &Session,
    ) -> Result<PersonDocuments, ApiError> {
        let applicant = Applicant::of(session, Some(&request.mobile), &request.product_id)?;
        let photos = self
            .store
            .latest_photos(&applicant.mobile)
            .await
            .map_err(codes::storage)?;
        let photo = |kind: ImageKind| match photos.iter().find(|(code, _)| *code == kind.code()) {
            Some((_, token)) => DocumentPhoto {
                status: UPLOADED,
                url: Some(self.photo_url(token)),
                info: None,
            },
            None => not_uploaded(),
        };
        let mut id_front = photo(ImageKind::IdFront);
        if id_front.status == UPLOADED {
            let identity = self
                .store
                .identity(&applicant.mobile)
                .await
                .map_err(codes::storage)?;
            id_front.info = identity.map(|identity| IdCardInfo {
                name: identity.name,
                id_number: identity.id_number,
                birthday: identity.birthday,
            });
        }
        Ok(PersonDocuments {
            hands: not_uploaded(),
            id_front,
            id_back: photo(ImageKind::IdBack),
            liveness_type: LIVENESS_TYPE,
            liveness: photo(ImageKind::Face),
        })
    }

    /// upload-image: stores the photo (JPEG or PNG, judged by its bytes) and answers its URL;
    /// the front of the ID answers `is_need_pop` = 1.
    pub(super) async fn upload(
        &self,
        request: UploadImageRequest,
        session: &Session,
    ) -> Result<UploadResult, ApiError> {
        let mobile = session.mobile();
        let content_type = image_type(&request.attach.bytes)
            .ok_or_else(|| codes::invalid("attach", "is not a JPEG or PNG image"))?;
        let kind = request.r#type;
        let size = request.attach.bytes.len();
        let photo = Photo {
            content_type: content_type.to_owned(),
            bytes: request.attach.bytes,
        };
        let token = self
            .store
            .add_photo(mobile, kind.code(), photo)
            .await
            .map_err(codes::storage)?;
        tracing::info!(kind = kind.code(), bytes = size, "photo stored");
        Ok(UploadResult {
            idcard_name: String::new(),
            idcard_num: String::new(),
            gender: String::new(),
            birthday: String::new(),
            url: self.photo_url(&token),
            year: String::new(),
            month: String::new(),
            is_need_pop: i64::from(kind == ImageKind::IdFront),
            status: true,
        })
    }

    /// save-basic-info: the ID data the applicant typed in, after the front was uploaded.
    pub(super) async fn save_identity(
        &self,
        request: SaveBasicInfoRequest,
        session: &Session,
    ) -> Result<(), ApiError> {
        let mobile = session.mobile();
        if request.r#type != ImageKind::IdFront {
            return Err(codes::invalid(
                "type",
                "must be 11: only the front of the ID is corrected",
            ));
        }
        let identity = Identity {
            name: validate::text("name", &request.name)?,
            id_number: validate::curp("id_number", &request.id_number)?,
            birthday: validate::date("birthday", &request.birthday)?,
        };
        let photos = self
            .store
            .latest_photos(mobile)
            .await
            .map_err(codes::storage)?;
        if !photos
            .iter()
            .any(|(kind, _)| *kind == ImageKind::IdFront.code())
        {
            return Err(codes::out_of_order("upload the front of the ID first"));
        }
        self.store
            .save_identity(mobile, identity)
            .await
            .map_err(codes::storage)?;
        tracing::info!("corrected ID data stored");
        Ok(())
    }
}

fn not_uploaded() -> DocumentPhoto {
    DocumentPhoto {
        status: NOT_UPLOADED,
        url: None,
        info: None,
    }
}

/// The media type of an image, from its first bytes.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    const JPEG: &[u8] = &[0xFF, 0xD8, 0xFF];
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if bytes.starts_with(JPEG) {
        Some("image/jpeg")
    } else if bytes.starts_with(PNG) {
        Some("image/png")
    } else {
        None
    }
}
